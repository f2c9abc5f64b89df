"use client";
// Live status by polling with SWR: about every 2 s while waiting and the tab is visible, slower
// while confirming or hidden, at once when the tab regains focus, and not at all once final. An
// expired checkout is still watched (slowly) so a payment sent at the last second shows up.
import { useState } from "react";
import useSWR from "swr";
import { fetchStatus, type StatusAnswer } from "./api";
import { pollInterval } from "./poll-interval";
import type { CheckoutStatus } from "./types";

export function useCheckoutStatus(id: string, initial: CheckoutStatus) {
  // The page's server-rendered time against this device's clock, until the first poll answers.
  const [fallbackOffset] = useState(() => Date.parse(initial.serverTime) - Date.now());
  const { data, error } = useSWR<StatusAnswer>(`/api/checkouts/${id}/status`, fetchStatus, {
    fallbackData: { status: initial, clockOffsetMs: fallbackOffset },
    refreshInterval: (latest) => pollInterval(latest?.status, typeof document !== "undefined" && document.visibilityState === "hidden"),
    refreshWhenHidden: true,
    revalidateOnFocus: true,
    revalidateOnMount: true,
    dedupingInterval: 1_000,
    errorRetryInterval: 3_000,
  });
  return { status: data!.status, clockOffsetMs: data!.clockOffsetMs, error };
}
