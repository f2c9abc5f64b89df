/**
 * The one place that speaks HTTP to Bitfinex: signing, nonce order, rate limits, timeouts,
 * retries and error classification. Operations call `authPost` / `publicGet` and get parsed
 * JSON back (non-integer numbers as exact strings) or a BitfinexError.
 */
import { BitfinexError, classifyErrorAnswer } from "./errors";
import { currentLane } from "./budget-lane";
import { FamilyLimiter } from "./limiter";
import { NonceSource } from "./nonce";
import { familyOf } from "./rate-limits";
import PQueue from "p-queue";
import { authHeaders } from "./sign";
import { parseJsonLossless } from "../json/lossless-json";

export interface TransportOptions {
  apiKey: string;
  apiSecret: string;
  /** e.g. https://api.bitfinex.com, or {origin}/sandbox/bitfinex */
  restUrl: string;
  publicUrl: string;
  timeoutMs: number;
  /** How long a caller may wait for a rate-limit slot before getting rate_limited. */
  maxLimiterWaitMs?: number;
  /** Attempts for reads (writes are sent once, except after a nonce rejection). */
  readAttempts?: number;
  retryBaseDelayMs?: number;
  fetch?: typeof fetch;
  limiter?: FamilyLimiter;
  nonces?: NonceSource;
  /**
   * Gives each authenticated request its nonce and keeps requests in nonce order on the wire.
   * Default: this process's own counter (enough when one process uses the key). Instances sharing
   * a key on one PostgreSQL use lib/server/shared-nonce.ts, which orders them across processes.
   */
  sequencer?: AuthSequencer;
}

export interface AuthSequencer {
  /** Calls `send` with a nonce larger than any sent before for the key, and nothing else in flight meanwhile. */
  run<T>(send: (nonce: string) => Promise<T>): Promise<T>;
}

/** Thrown inside the queue when a request's turn comes after its deadline: it is never sent. */
class NotSent extends Error {}

export interface RecordedError {
  at: number;
  endpoint: string;
  kind: BitfinexError["kind"];
}

export class BitfinexTransport {
  // One request at a time, in the order asked: Bitfinex rejects a nonce not larger than the last
  // one it saw, so two requests in flight could overtake each other on the wire (p-queue).
  private readonly queue = new PQueue({ concurrency: 1 });
  private readonly limiter: FamilyLimiter;
  private readonly sequencer: AuthSequencer;
  private readonly fetchImpl: typeof fetch;
  private readonly errors: RecordedError[] = [];
  private calls = 0;
  /** Requests dropped because they had not left by their `sendWithinMs`. */
  private abandoned = 0;

  constructor(private readonly opts: TransportOptions) {
    this.limiter = opts.limiter ?? new FamilyLimiter();
    const nonces = opts.nonces ?? new NonceSource();
    this.sequencer = opts.sequencer ?? { run: (send) => send(nonces.next()) };
    this.fetchImpl = opts.fetch ?? fetch;
  }

  /**
   * Authenticated POST to e.g. "v2/auth/w/deposit/invoice".
   *
   * `sendWithinMs` (money movements): the request must leave within this long of the call, or it
   * never leaves. Waiting behind a backlog (the local queue, the shared nonce sequence, the rate
   * limiter) it is abandoned at the deadline: the caller gets a `rate_limited` BitfinexError at
   * once (certainly not processed) and the queued request is dropped when its turn comes, so a
   * refund recorded as not sent cannot go out later. Once on the wire the usual timeout applies.
   */
  authPost(apiPath: string, body: object, opts: { idempotent: boolean; sendWithinMs?: number }): Promise<unknown> {
    const bodyText = JSON.stringify(body); // serialised once: these exact bytes are signed and sent
    const deadline = opts.sendWithinMs === undefined ? null : Date.now() + opts.sendWithinMs;
    const gate = { onWire: false, abandoned: false };
    const work = this.withRetries(apiPath, opts.idempotent, () =>
      // The local queue first, so one process never holds more than one place in a shared sequence.
      this.queue.add(() =>
        this.sequencer.run((nonce) => {
          // The last moment before the bytes leave: checked synchronously with the call to fetch.
          if (deadline !== null && (gate.abandoned || Date.now() >= deadline)) throw new NotSent();
          gate.onWire = true;
          const headers = authHeaders(this.opts.apiKey, this.opts.apiSecret, apiPath, nonce, bodyText);
          return this.send(apiPath, `${this.opts.restUrl}/${apiPath}`, {
            method: "POST",
            headers,
            body: bodyText,
          }).finally(() => (gate.onWire = false));
        }),
      ),
    );
    if (deadline === null) return work;
    const notSent = () =>
      new BitfinexError({
        kind: "rate_limited",
        endpoint: "/" + apiPath,
        upstreamMessage: `not sent: still waiting behind other requests ${opts.sendWithinMs} ms after it was asked (abandoned)`,
      });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => {
          if (gate.onWire) return;
          gate.abandoned = true;
          this.abandoned += 1;
          reject(notSent());
        },
        Math.max(0, deadline - Date.now()),
      );
      work.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof NotSent ? notSent() : error);
        },
      );
    });
  }

  /** Public GET, e.g. "v2/ticker/tBTCUSD". */
  publicGet(apiPath: string): Promise<unknown> {
    return this.withRetries(apiPath, true, () =>
      this.send(apiPath, `${this.opts.publicUrl}/${apiPath}`, { method: "GET" }),
    );
  }

  /**
   * Public POST with a JSON body, e.g. "v2/calc/fx". `onRestHost`: to the REST host (api.bitfinex.com)
   * rather than api-pub, unsigned, as the SDK's `_makePublicPostRequest` sends.
   */
  publicPost(apiPath: string, body: object, opts: { onRestHost?: boolean } = {}): Promise<unknown> {
    const init = { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
    const host = opts.onRestHost ? this.opts.restUrl : this.opts.publicUrl;
    return this.withRetries(apiPath, true, () => this.send(apiPath, `${host}/${apiPath}`, init));
  }

  /** Errors in the last `windowMs` (for the health endpoint). */
  recentErrors(windowMs = 3_600_000): RecordedError[] {
    const cutoff = Date.now() - windowMs;
    return this.errors.filter((e) => e.at >= cutoff);
  }

  stats() {
    return {
      calls: this.calls,
      abandoned: this.abandoned,
      queued: this.queue.size + this.queue.pending,
      usage: this.limiter.usage(),
    };
  }

  private async withRetries(apiPath: string, idempotent: boolean, attempt: () => Promise<unknown>): Promise<unknown> {
    const family = familyOf(apiPath);
    const endpoint = "/" + apiPath;
    const maxAttempts = idempotent ? (this.opts.readAttempts ?? 3) : 2;
    for (let n = 1; ; n++) {
      await this.limiter.acquire(family, endpoint, this.opts.maxLimiterWaitMs ?? 3_000, currentLane());
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof BitfinexError)) throw error;
        this.record(error);
        // A 429 from Bitfinex blocks the IP: every family pauses (our own limiter's refusal has no httpStatus).
        if (error.kind === "rate_limited" && error.httpStatus !== null)
          await this.limiter.pause(error.retryAfterMs ?? 0);
        // A write is only repeated when Bitfinex certainly did not process it: a nonce rejection
        // happens before the request is looked at. A timeout on a create could mean it was made.
        const retryable = idempotent ? error.transient && error.kind !== "rate_limited" : error.kind === "nonce";
        if (!retryable || n >= maxAttempts) throw error;
        const base = this.opts.retryBaseDelayMs ?? 250;
        await new Promise((r) => setTimeout(r, base * 2 ** (n - 1) * (0.5 + Math.random())));
      }
    }
  }

  private async send(apiPath: string, url: string, init: RequestInit): Promise<unknown> {
    const endpoint = "/" + apiPath;
    this.calls += 1;
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(url, {
        ...init,
        redirect: "error",
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const name = (error as { name?: string }).name;
      const kind = name === "TimeoutError" || name === "AbortError" ? "timeout" : "network";
      throw new BitfinexError({ kind, endpoint, upstreamMessage: String((error as Error).message ?? error) });
    }
    let body: unknown;
    try {
      body = parseJsonLossless(text);
    } catch {
      if (!response.ok) throw classifyErrorAnswer(endpoint, response.status, text, response.headers.get("retry-after"));
      throw new BitfinexError({
        kind: "malformed",
        endpoint,
        httpStatus: response.status,
        upstreamMessage: text.slice(0, 200),
      });
    }
    if (!response.ok || (Array.isArray(body) && body[0] === "error")) {
      throw classifyErrorAnswer(endpoint, response.status, body, response.headers.get("retry-after"));
    }
    return body;
  }

  private record(error: BitfinexError) {
    this.errors.push({ at: Date.now(), endpoint: error.endpoint, kind: error.kind });
    if (this.errors.length > 1000) this.errors.splice(0, this.errors.length - 1000);
  }
}
