/**
 * The frame of every Bitfinex-compatible route: the raw body (the signature covers its exact
 * bytes), the key check, and every failure answered as Bitfinex answers one (HTTP 500,
 * `["error", code, "message"]`), never in this app's own error shape.
 */
import { ApiError } from "../errors/api-error";
import type { Db } from "../db/connect";
import { parseJsonLossless } from "../json/lossless-json";
import { stringifyWithRawNumbers } from "../json/lossless-json";
import { authenticate } from "./auth";
import { BfxError, invoiceRefused, paramsInvalid, rateLimited } from "./errors";
import type { BfxPayKey } from "./keys";
import { log } from "../observability/log";
import { readBodyBytes } from "../net/read-body";

const BODY_LIMIT = 64 * 1024;

export function bfxJson(body: unknown, status = 200): Response {
  return new Response(stringifyWithRawNumbers(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });
}

export function bfxErrorResponse(error: unknown): Response {
  if (error instanceof BfxError) return bfxJson(error.body(), error.status);
  // The checkout engine's refusals (the merchant's Bitfinex limits, a replay that differs):
  // its sentence, in Bitfinex Pay's form.
  if (error instanceof ApiError && error.status < 500) return bfxJson(invoiceRefused(error.message).body(), 500);
  log().error({ err: error }, "bfx-pay: unexpected error");
  return bfxJson(["error", 10000, "ERR_UNK: please try again in a moment"], 500);
}

const readBody = (request: Request) => readBodyBytes(request, BODY_LIMIT, () => paramsInvalid("body", "too large"));

function parseBody(raw: Buffer): unknown {
  if (raw.length === 0) return {};
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    throw paramsInvalid("body", "not valid UTF-8");
  }
  let value: unknown;
  try {
    value = parseJsonLossless(text);
  } catch {
    throw paramsInvalid("body", "not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw paramsInvalid("body", "must be a JSON object");
  return value;
}

export interface SignedContext {
  key: BfxPayKey;
  nonce: string;
  body: unknown;
}

/**
 * Counts one request of a key: 0 when within its budget, otherwise the seconds to wait. Bitfinex
 * allows a key 90 requests a minute on these endpoints and answers 429 past that; so do we
 * (lib/server/bfx-pay-limit.ts), so a runaway shop cannot crowd out the checkouts of others.
 */
export type KeyBudget = (keyId: string) => Promise<number>;

/** Runs `handler` for a request signed by a valid key within its budget; answers its result as JSON. */
export async function signedEndpoint(
  request: Request,
  db: Db,
  path: string,
  handler: (ctx: SignedContext) => Promise<unknown>,
  budget?: KeyBudget,
): Promise<Response> {
  try {
    const raw = await readBody(request);
    const key = await authenticate(db, {
      apiKey: request.headers.get("bfx-apikey"),
      nonce: request.headers.get("bfx-nonce"),
      signature: request.headers.get("bfx-signature"),
      path,
      body: raw,
    });
    if (budget && (await budget(key.id)) > 0) throw rateLimited();
    const body = parseBody(raw);
    return bfxJson(await handler({ key, nonce: request.headers.get("bfx-nonce")!, body }));
  } catch (e) {
    return bfxErrorResponse(e);
  }
}
