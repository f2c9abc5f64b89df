/** The sandbox's transport-neutral request and answer, and Bitfinex's error shape. */

export interface SandboxRequest {
  method: string;
  /** Path after the REST base, without a leading slash, e.g. "v2/auth/w/deposit/invoice". */
  apiPath: string;
  /** Header names lower-cased. */
  headers: Record<string, string | undefined>;
  body: string;
  /** `performance.now()` when the request arrived, so the request log can say how long the sandbox took. */
  receivedAt?: number;
}

export interface SandboxAnswer {
  status: number;
  body: string;
  contentType?: string;
  /** Extra response headers (e.g. Retry-After on an injected 429). */
  headers?: Record<string, string>;
  /** Hold the answer back this long (simulated timeouts). */
  delayMs?: number;
}

/** A Bitfinex error answer: `["error", code, "message"]`, HTTP 500 unless said otherwise. */
export class BfxError extends Error {
  constructor(
    readonly code: number | null,
    message: string,
    readonly status = 500,
  ) {
    super(message);
  }
}

export function json(value: unknown, status = 200): SandboxAnswer {
  return { status, body: typeof value === "string" ? value : JSON.stringify(value) };
}

export function errorAnswer(e: BfxError): SandboxAnswer {
  return json(["error", e.code, e.message], e.status);
}

/** Parses a request body; Bitfinex answers a body it cannot read with ERR_PARAMS. */
export function readBody(body: string): Record<string, unknown> {
  if (body.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new BfxError(10020, "body: invalid json");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new BfxError(10020, "body: invalid");
  return parsed as Record<string, unknown>;
}
