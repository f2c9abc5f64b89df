// What a merchant's backend and a customer's payment page do, over plain HTTP, with every answer
// the customer side gets checked: JSON errors only, no 5xx other than 503 (which the payment page
// retries), and nothing that looks like a stack trace or Bitfinex's own wording.
import { pollPause } from "./servers";

export const MERCHANT_KEY = "sk_sandbox_0123456789abcdefghijkl";

/** Text that must never reach a customer: stack frames, source paths, raw Bitfinex errors. */
export const LEAK =
  /\bat [\w$.<>[\]]+ \(|\.(ts|tsx|js|mjs):\d+|node_modules|\bERR_[A-Z_]{3,}|"stack"|TypeError|ReferenceError|SyntaxError|nonce: small|ratelimit: error|\["error"/;

export class Seen {
  /** Answers the customer side got, by "status code" (e.g. "503 upstream_unavailable"). */
  readonly answers: Record<string, number> = {};
  /** Answers that break a promise: a 5xx other than 503, a leak, a non-JSON error. */
  readonly problems: string[] = [];

  note(where: string, status: number, text: string) {
    let code = "";
    if (status >= 400) {
      try {
        code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? "(no code)";
      } catch {
        this.problems.push(`${where}: HTTP ${status} with a body that is not JSON: ${text.slice(0, 200)}`);
      }
    }
    const key = `${status}${code ? " " + code : ""}`;
    this.answers[key] = (this.answers[key] ?? 0) + 1;
    if (status >= 500 && status !== 503) this.problems.push(`${where}: HTTP ${status} ${text.slice(0, 300)}`);
    if (LEAK.test(text)) this.problems.push(`${where}: leaked ${LEAK.exec(text)![0]} in ${text.slice(0, 300)}`);
  }
}

export interface CheckoutView {
  id: string;
  state: string;
  invoices: Array<{ rail: string; status: string; bitfinexId: string | null }>;
}

export class Shop {
  /** Payment starts sent and not yet answered (a crash test kills the app while some are). */
  startsInFlight = 0;

  constructor(
    /** Where customers and the merchant's backend reach the app. */
    readonly url: string,
    /** Where the sandbox's control API is (the Bitfinex the app talks to). */
    readonly sandboxUrl: string = url,
    readonly seen = new Seen(),
  ) {}

  async createCheckout(body: Record<string, unknown> = {}): Promise<{ id: string }> {
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(`${this.url}/api/v1/checkouts`, {
        method: "POST",
        headers: { authorization: `Bearer ${MERCHANT_KEY}`, "content-type": "application/json" },
        body: JSON.stringify({
          amount: "25.00",
          currency: "USD",
          orderId: `R-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
          payCurrencies: ["BTC", "UST-TRX"],
          ...body,
        }),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      if (res.status === 201) return JSON.parse(text) as { id: string };
      if (attempt >= 5) throw new Error(`create checkout: HTTP ${res.status} ${text.slice(0, 300)}`);
      await pollPause(1000);
    }
  }

  /**
   * Picks a currency as the payment page does, and like it tries again after a 503 (Bitfinex
   * busy), waiting what the answer says (at most 15 s). Returns the number of attempts.
   */
  async startPayment(
    id: string,
    payCurrency = "BTC",
    timeoutMs = 240_000,
  ): Promise<{ attempts: number; problems: string[] }> {
    const deadline = Date.now() + timeoutMs;
    const problems: string[] = [];
    for (let attempt = 1; ; attempt++) {
      let status = 0;
      let text = "";
      this.startsInFlight += 1;
      try {
        const res = await fetch(`${this.url}/api/checkouts/${id}/payment`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ payCurrency }),
          signal: AbortSignal.timeout(30_000),
        });
        status = res.status;
        text = await res.text();
      } catch (e) {
        text = String(e); // the instance is down: the page would try again
      } finally {
        this.startsInFlight -= 1;
      }
      if (status !== 0) this.seen.note(`POST /api/checkouts/${id}/payment`, status, text);
      if (status === 200) return { attempts: attempt, problems };
      // Anything but "busy, try again" leaves the customer stuck: the page does not retry it.
      if (status !== 503 && status !== 0) problems.push(`HTTP ${status} ${text.slice(0, 200)}`);
      if (Date.now() > deadline)
        throw new Error(
          `payment for ${id} did not start in ${timeoutMs} ms; last answer HTTP ${status} ${text.slice(0, 300)}`,
        );
      let wait = 3;
      try {
        wait = (JSON.parse(text) as { error?: { retryAfterSeconds?: number } }).error?.retryAfterSeconds ?? 3;
      } catch {
        // keep 3 s
      }
      await pollPause(Math.min(wait * 1000, 15_000));
    }
  }

  /** The payment page's status poll (which also brings the checkout's next check forward). */
  async status(id: string): Promise<string | null> {
    try {
      const res = await fetch(`${this.url}/api/checkouts/${id}/status`, { signal: AbortSignal.timeout(15_000) });
      const text = await res.text();
      this.seen.note(`GET /api/checkouts/${id}/status`, res.status, text);
      return res.status === 200 ? (JSON.parse(text) as { state: string }).state : null;
    } catch {
      return null; // the instance is down (a crash test): the page would poll again
    }
  }

  async merchantView(id: string): Promise<CheckoutView> {
    const res = await fetch(`${this.url}/api/v1/checkouts/${id}`, {
      headers: { authorization: `Bearer ${MERCHANT_KEY}` },
      signal: AbortSignal.timeout(15_000),
    });
    if (res.status !== 200) throw new Error(`GET checkout ${id}: HTTP ${res.status}`);
    return (await res.json()) as CheckoutView;
  }

  /** POST to the sandbox's control API; throws unless it answers 2xx. */
  async control(path: string, body: unknown = {}): Promise<Record<string, unknown>> {
    const res = await fetch(`${this.sandboxUrl}/sandbox/control/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`control ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as Record<string, unknown>;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async sandboxState(): Promise<any> {
    const res = await fetch(`${this.sandboxUrl}/sandbox/control/state`, { signal: AbortSignal.timeout(15_000) });
    return res.json();
  }

  /** Polls the status (as the page does, every 2 s) until it is `state`; returns the ms it took. */
  async waitForState(id: string, state: string, timeoutMs: number): Promise<number> {
    const started = Date.now();
    for (;;) {
      const now = await this.status(id);
      if (now === state) return Date.now() - started;
      if (Date.now() - started > timeoutMs)
        throw new Error(`checkout ${id} is ${now}, not ${state}, after ${timeoutMs} ms`);
      await pollPause(2000);
    }
  }
}

/** Percentiles of a list of numbers (ms), rounded. */
export function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? null;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? null };
}
