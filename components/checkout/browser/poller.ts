/**
 * Live status by polling: about every 2 s while waiting and the tab is visible, slower while
 * confirming or hidden (poll-interval.ts), at once when the tab or the connection comes back, 3 s
 * after an error and backing off from there, and not at all once final. An expired checkout is
 * still watched, slowly, so a payment sent at the last second shows up. The browser revalidates with the ETag, so an unchanged status is a
 * 304 of a few bytes.
 */
import { fetchStatus, type StatusAnswer } from "./api";
import { pollInterval } from "./poll-interval";

/** After a failed poll: 3 s, then twice as long each time, at most 30 s. */
const errorRetryMs = (failures: number) => Math.min(3_000 * 2 ** (failures - 1), 30_000);
const MIN_GAP_MS = 1_000;

export function startPolling(checkoutId: string, onAnswer: (answer: StatusAnswer) => void): void {
  const url = `/api/checkouts/${checkoutId}/status`;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  let lastStarted = 0;
  let stopped = false;
  let failures = 0;

  async function poll() {
    if (inFlight || stopped) return;
    clearTimeout(timer);
    inFlight = true;
    lastStarted = Date.now();
    let wait: number;
    try {
      const answer = await fetchStatus(url);
      failures = 0;
      onAnswer(answer);
      wait = pollInterval(answer.status, document.visibilityState === "hidden");
      if (wait === 0) stopped = true;
    } catch {
      // Offline or a server hiccup: keep the screen as it is and ask again shortly.
      wait = errorRetryMs(++failures);
    } finally {
      inFlight = false;
    }
    if (!stopped) timer = setTimeout(poll, wait);
  }

  // Back to the tab or the window: the customer may have just paid from a wallet on this device.
  const soon = () => {
    if (document.visibilityState === "visible" && Date.now() - lastStarted > MIN_GAP_MS) void poll();
  };
  document.addEventListener("visibilitychange", soon);
  window.addEventListener("focus", soon);
  window.addEventListener("online", soon);
  void poll();
}
