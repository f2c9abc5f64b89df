"use client";
/**
 * The checkout's live status. The server's answer in the page is the first value (no loading
 * flash); after that the server pushes each change over a stream (status-stream.ts, SWR's
 * subscription hook), and while there is no stream (it cannot be opened, or dropped) the page
 * polls as before: about every 2 s while the customer pays, 5 s while confirming, slower while
 * the tab is hidden, and not at all once final (poll-interval.ts). Both write the same SWR entry,
 * so the screen reads one value. SWR also asks at once when the tab or the connection comes back
 * (the customer may have just paid from a wallet on this phone), and backs off after errors
 * while keeping the screen as it is.
 */
import { useCallback, useEffect } from "react";
import useSWR from "swr";
import useSWRSubscription from "swr/subscription";
import { fetchStatus, type StatusAnswer } from "./api";
import { pollInterval } from "./poll-interval";
import { subscribeStatus } from "./status-stream";
import type { CheckoutStatus } from "./types";

/** After a failed poll: 3 s, then twice as long each time, at most 30 s. */
export const errorRetryMs = (retryCount: number) => Math.min(3_000 * 2 ** Math.max(0, retryCount - 1), 30_000);

const canStream = () => typeof window !== "undefined" && "EventSource" in window;

export function useCheckoutStatus(checkoutId: string, initial: CheckoutStatus): StatusAnswer {
  const stream = useSWRSubscription(
    !initial.final && canStream() ? `/api/checkouts/${checkoutId}/events` : null,
    subscribeStatus,
  );
  const streaming = stream.data !== undefined && stream.error === undefined;
  // Stable between renders (the countdown re-renders every second): a new function would restart SWR's timer.
  const refreshInterval = useCallback(
    (latest: StatusAnswer | undefined) =>
      streaming
        ? 0
        : pollInterval(
            (latest ?? { status: initial }).status,
            typeof document !== "undefined" && document.visibilityState === "hidden",
          ),
    [streaming, initial],
  );
  const { data, mutate } = useSWR(`/api/checkouts/${checkoutId}/status`, fetchStatus, {
    fallbackData: { status: initial, clockOffsetMs: null },
    refreshInterval,
    refreshWhenHidden: true,
    revalidateOnFocus: !initial.final,
    revalidateOnReconnect: true,
    focusThrottleInterval: 1_000,
    dedupingInterval: 1_000,
    onErrorRetry: (_error, _key, _config, revalidate, { retryCount }) => {
      setTimeout(() => void revalidate({ retryCount }), errorRetryMs(retryCount));
    },
  });
  useEffect(() => {
    if (stream.data) void mutate(stream.data, { revalidate: false });
  }, [stream.data, mutate]);
  // The stream broke: ask at once rather than a poll interval later (a change may have been missed).
  useEffect(() => {
    if (stream.error) void mutate();
  }, [stream.error, mutate]);
  return data;
}
