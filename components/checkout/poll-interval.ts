// How often the payment page asks for the status (ms; 0 = stop): SWR's refreshInterval in
// use-checkout-status.ts. Kept apart so it can be tested without a browser.
import type { CheckoutStatus } from "./types";

export function pollInterval(status: Pick<CheckoutStatus, "state" | "final"> | undefined, hidden: boolean): number {
  if (!status || status.final) return 0;
  if (hidden) return 15_000;
  if (status.state === "confirming") return 5_000;
  if (status.state === "expired") return 10_000;
  return 2_000;
}
