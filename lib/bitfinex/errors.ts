/**
 * One typed error for everything that can go wrong talking to Bitfinex. The raw upstream
 * text is kept for server logs only: `message` and `toJSON()` carry a safe, human sentence,
 * so Bitfinex's wording never reaches a browser even if an error is serialised by accident.
 */
import { brand } from "../errors/brand";

export type BitfinexErrorKind =
  | "auth" //            key, signature or token rejected: the merchant's configuration is wrong
  | "permission" //      the key lacks a permission this call needs
  | "nonce" //           nonce not larger than the last one; the request was not processed
  | "rate_limited" //    HTTP 429 / ERR_RATE_LIMIT, or our own limiter refused to wait longer
  | "invalid_request" // Bitfinex rejected the parameters
  | "pay_unavailable" // the Pay API is gone, not enabled for this account, or not in this region
  | "maintenance" //     platform in maintenance
  | "timeout" //         no answer in time: the outcome of a write is unknown
  | "network" //         connection refused / reset before an answer
  | "malformed" //       an answer we cannot parse or that does not have the documented shape
  | "upstream"; //       any other server-side failure

const SAFE_MESSAGES: Record<BitfinexErrorKind, string> = {
  auth: "Bitfinex rejected the API key. Check the key and secret configured on the server.",
  permission: "The Bitfinex API key lacks a permission needed for this action.",
  nonce: "Bitfinex rejected a request as out of order. It will be retried.",
  rate_limited: "Bitfinex is busy right now. Please try again in a minute.",
  invalid_request: "Bitfinex did not accept this request.",
  pay_unavailable: "Bitfinex Pay is not available for this account.",
  maintenance: "Bitfinex is under maintenance. Please try again shortly.",
  timeout: "Bitfinex did not answer in time. Please try again.",
  network: "Bitfinex could not be reached. Please try again.",
  malformed: "Bitfinex sent an answer we could not read. Please try again.",
  upstream: "Bitfinex had a problem handling this request. Please try again.",
};

/** Kinds after which the same request may be sent again once Bitfinex has recovered. */
const NOT_PROCESSED: ReadonlySet<BitfinexErrorKind> = new Set([
  "auth",
  "permission",
  "nonce",
  "rate_limited",
  "invalid_request",
  "pay_unavailable",
  "maintenance",
]);
const TRANSIENT: ReadonlySet<BitfinexErrorKind> = new Set([
  "nonce",
  "rate_limited",
  "maintenance",
  "timeout",
  "network",
  "malformed",
  "upstream",
]);

const BRAND = brand("BitfinexError");

export class BitfinexError extends Error {
  /** Recognised across copies of this module (see lib/errors/brand.ts). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return BRAND.has(value);
  }

  readonly kind: BitfinexErrorKind;
  /** Bitfinex's numeric code when it sent one (null for ERR_PAY_… errors). */
  readonly code: number | null;
  readonly httpStatus: number | null;
  /** Bitfinex's own message, for server logs only. */
  readonly upstreamMessage: string | null;
  readonly endpoint: string;
  /** How long to wait before the same family may be called again, when known. */
  readonly retryAfterMs: number | null;

  constructor(init: {
    kind: BitfinexErrorKind;
    endpoint: string;
    code?: number | null;
    httpStatus?: number | null;
    upstreamMessage?: string | null;
    retryAfterMs?: number | null;
  }) {
    super(SAFE_MESSAGES[init.kind]);
    BRAND.mark(this);
    this.name = "BitfinexError";
    this.kind = init.kind;
    this.endpoint = init.endpoint;
    this.code = init.code ?? null;
    this.httpStatus = init.httpStatus ?? null;
    this.upstreamMessage = init.upstreamMessage ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
  }

  get transient(): boolean {
    return TRANSIENT.has(this.kind);
  }

  /**
   * True when Bitfinex refused the request before acting on it (bad key or scope, nonce, rate
   * limit, rejected parameters, Pay off, maintenance): a write certainly did not happen, so it may
   * be forgotten or tried again. A timeout or a dropped connection is not one: it may have happened.
   */
  get certainlyNotProcessed(): boolean {
    return NOT_PROCESSED.has(this.kind);
  }

  /** What may leave the server. */
  toJSON() {
    return { error: "bitfinex_" + this.kind, message: this.message };
  }

  /** One line for the server log, raw upstream text included. */
  toLogLine(): string {
    return `bitfinex ${this.endpoint} ${this.kind} http=${this.httpStatus ?? "-"} code=${this.code ?? "-"} msg=${JSON.stringify(this.upstreamMessage ?? "")}`;
  }
}

export function isBitfinexError(e: unknown): e is BitfinexError {
  return e instanceof BitfinexError;
}

/**
 * Classifies an error answer. Bitfinex sends `["error", CODE, "message"]` (CODE may be null for
 * Pay errors such as "ERR_CREATE_INVOICE: ERR_PAY_AMOUNT_INVALID"), usually with HTTP 500, and
 * 429 when rate-limited. Older endpoints answer `{"error": "ERR_RATE_LIMIT"}`.
 */
export function classifyErrorAnswer(
  endpoint: string,
  httpStatus: number,
  body: unknown,
  retryAfterHeader: string | null = null,
): BitfinexError {
  let code: number | null = null;
  let text: string | null = null;
  if (Array.isArray(body) && body[0] === "error") {
    code = typeof body[1] === "number" ? body[1] : null;
    text = typeof body[2] === "string" ? body[2] : null;
  } else if (body && typeof body === "object" && "error" in body) {
    const e = (body as { error: unknown; message?: unknown }).error;
    text = typeof e === "string" ? e : null;
  } else if (typeof body === "string") {
    text = body.slice(0, 200);
  }
  const kind = kindFor(endpoint, httpStatus, code, text ?? "");
  const retryAfterMs = kind === "rate_limited" ? (retryAfterFrom(retryAfterHeader) ?? 60_000) : null;
  return new BitfinexError({ kind, endpoint, code, httpStatus, upstreamMessage: text, retryAfterMs });
}

/**
 * A Retry-After header in whole seconds, kept within 1–120 s. Bitfinex is not documented to send
 * one (its block lasts up to 60 s, the default above); when a 429 carries one, it knows best.
 */
function retryAfterFrom(header: string | null): number | null {
  if (header === null || !/^\d{1,6}$/.test(header.trim())) return null;
  return Math.min(120, Math.max(1, Number(header.trim()))) * 1000;
}

function kindFor(endpoint: string, httpStatus: number, code: number | null, text: string): BitfinexErrorKind {
  const t = text.toLowerCase();
  const isPay = endpoint.includes("/ext/pay/");
  if (httpStatus === 429 || code === 11010 || t.includes("ratelimit") || t.includes("err_rate_limit"))
    return "rate_limited";
  if (code === 10114 || t.includes("nonce: small") || t.startsWith("nonce")) return "nonce";
  if (t.includes("permission")) return "permission";
  if (code === 10100 || code === 10111 || code === 10112 || code === 10113 || code === 10200) return "auth";
  if (t.includes("apikey") || t.includes("token: invalid") || t.includes("err_auth")) return "auth";
  if (code === 20060 || t.includes("maintenance")) return "maintenance";
  // A Pay route that no longer exists, an account that is not a merchant, or a region Pay does not serve.
  if (isPay && (httpStatus === 404 || t.includes("err_pay_user_not_merchant") || t.includes("err_pay_not_available"))) {
    return "pay_unavailable";
  }
  // Any other Pay refusal (ERR_PAY_INVOICE_NOT_FOUND, …_ALREADY_COMPLETED) will not change on a retry.
  if (t.includes("err_pay_")) return "invalid_request";
  if (code === 10020 || t.includes("_invalid") || t.includes(": invalid") || (httpStatus >= 400 && httpStatus < 500)) {
    return "invalid_request";
  }
  return "upstream";
}
