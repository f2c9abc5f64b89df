"use client";
/**
 * The checkout's live status, by polling with SWR: the server's answer in the page is the first
 * value (no loading flash), then about every 2 s while the customer pays, 5 s while confirming,
 * slower while the tab is hidden, and not at all once final (poll-interval.ts). SWR also asks at
 * once when the tab or the connection comes back (the customer may have just paid from a wallet on
 * this phone), and backs off after errors while keeping the screen as it is.
 */
import useSWR from "swr";
import { fetchStatus, type StatusAnswer } from "./api";
import { pollInterval } from "./poll-interval";
import type { CheckoutStatus } from "./types";

/** After a failed poll: 3 s, then twice as long each time, at most 30 s. */
export const errorRetryMs = (retryCount: number) => Math.min(3_000 * 2 ** Math.max(0, retryCount - 1), 30_000);

export function useCheckoutStatus(checkoutId: string, initial: CheckoutStatus): StatusAnswer {
  const { data } = useSWR(`/api/checkouts/${checkoutId}/status`, fetchStatus, {
    fallbackData: { status: initial, clockOffsetMs: null },
    refreshInterval: (latest) =>
      pollInterval(
        (latest ?? { status: initial }).status,
        typeof document !== "undefined" && document.visibilityState === "hidden",
      ),
    refreshWhenHidden: true,
    revalidateOnFocus: !initial.final,
    revalidateOnReconnect: true,
    focusThrottleInterval: 1_000,
    dedupingInterval: 1_000,
    onErrorRetry: (_error, _key, _config, revalidate, { retryCount }) => {
      setTimeout(() => void revalidate({ retryCount }), errorRetryMs(retryCount));
    },
  });
  return data;
}
