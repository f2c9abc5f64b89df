// The payment page's live status stream (GET /api/checkouts/{id}/events, Server-Sent Events) as
// an SWR subscription: each status the server pushes goes to `next`, and any trouble is reported
// as an error so use-checkout-status.ts polls until the stream is back. The browser's EventSource
// reconnects a dropped stream by itself; one the server refused (not a stream: too many open, the
// feed not live, a proxy that strips it) it gives up on, so we try again later, less and less often.
import type { SWRSubscriptionOptions } from "swr/subscription";
import type { StatusAnswer } from "./api";
import type { CheckoutStatus } from "./types";

/** After a refused stream: 5 s, then twice as long each time, at most 60 s. */
export const streamRetryMs = (failures: number) => Math.min(5_000 * 2 ** Math.max(0, failures - 1), 60_000);

export class StreamTrouble extends Error {}

export function subscribeStatus(url: string, { next }: SWRSubscriptionOptions<StatusAnswer, Error>): () => void {
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let done = false;

  const stop = () => {
    done = true;
    clearTimeout(retry);
    source?.close();
  };
  const connect = () => {
    if (done) return;
    const es = new EventSource(url);
    source = es;
    es.addEventListener("status", (event) => {
      let status: CheckoutStatus;
      try {
        status = JSON.parse((event as MessageEvent<string>).data) as CheckoutStatus;
      } catch {
        return;
      }
      failures = 0;
      // One way only (no round trip to halve), so this offset runs late by the event's travel time.
      next(null, { status, clockOffsetMs: Date.parse(status.serverTime) - Date.now() });
      if (status.final) stop(); // nothing more will change; the server ends the stream too
    });
    es.onerror = () => {
      if (done) return;
      next(new StreamTrouble("status stream interrupted"));
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        failures++;
        retry = setTimeout(connect, streamRetryMs(failures));
      }
    };
  };
  connect();
  return stop;
}
