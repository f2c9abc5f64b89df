/**
 * Wraps a route handler so that every failure leaves as the one JSON error shape: ApiError as
 * itself, a ZodError (a handler's `schema.parse` of its input) as the 422 naming every field at
 * fault, Bitfinex trouble as a 503 with a safe sentence and a retry hint, and anything
 * unexpected as a plain 500 (logged here with its stack, never sent to the client).
 */
import { randomUUID } from "node:crypto";
import { isBitfinexError } from "../bitfinex/errors";
import { ZodError } from "zod";
import { ApiError, fromZodError } from "../errors/api-error";
import { log } from "../observability/log";
import { addLogContext, currentLogContext, withLogContext } from "../observability/log-context";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof ZodError) return errorResponse(fromZodError(error));
  if (error instanceof ApiError) {
    const headers: Record<string, string> = {};
    if (typeof error.extra.retryAfterSeconds === "number")
      headers["retry-after"] = String(error.extra.retryAfterSeconds);
    return jsonResponse(error.toBody(), error.status, headers);
  }
  if (isBitfinexError(error)) {
    log().warn(`bitfinex: ${error.toLogLine()}`);
    if (!error.transient) {
      // A refusal, not an outage: retrying the same request would be refused again.
      return errorResponse(
        new ApiError({
          code: "upstream_refused",
          message: "Bitfinex did not accept this payment. Please choose another currency, or contact the merchant.",
          extra: { reason: error.kind },
        }),
      );
    }
    // Rate-limited: as long as the pause actually lasts (a 429's Retry-After, or the limiter's own
    // wait), not a flat minute; the payment page waits what it is told (at most 15 s).
    const retry =
      error.kind === "rate_limited" ? Math.min(60, Math.max(1, Math.ceil((error.retryAfterMs ?? 60_000) / 1000))) : 5;
    return errorResponse(
      new ApiError({
        code: "upstream_unavailable",
        message: "Bitfinex is not answering right now. Please try again in a moment.",
        extra: {
          retryAfterSeconds: retry,
          reason: error.kind,
        },
      }),
    );
  }
  log().error({ err: error }, "unexpected error in a route");
  return jsonResponse(
    new ApiError({
      code: "internal_error",
      message: "Something went wrong on our side. Please try again.",
    }).toBody(),
    500,
  );
}

/** A request id a proxy in front may have set (kept, so its logs and ours match), or a new one. */
function requestIdOf(request: Request): string {
  const given = request.headers.get("x-request-id") ?? "";
  return /^[A-Za-z0-9._:-]{8,128}$/.test(given) ? given : randomUUID();
}

/** The checkout a route is about, for the log lines it writes ([id] params that are checkout ids). */
async function noteCheckout(context: unknown): Promise<void> {
  const params = (context as { params?: Promise<Record<string, string>> } | undefined)?.params;
  const id = params ? (await params)?.id : undefined;
  if (typeof id === "string" && /^co_[A-Za-z0-9]{1,64}$/.test(id)) addLogContext({ checkoutId: id });
}

export function route<C = unknown>(handler: Handler<C>): Handler<C> {
  return (request, context) =>
    withLogContext({ requestId: requestIdOf(request) }, async () => {
      let response: Response;
      try {
        await noteCheckout(context);
        response = await handler(request, context);
      } catch (error) {
        response = errorResponse(error);
      }
      // Quoted by a merchant or customer who reports a problem; found again in the log.
      const id = currentLogContext().requestId;
      if (id && !response.headers.has("x-request-id")) {
        try {
          response.headers.set("x-request-id", id);
        } catch {
          // an immutable Response (a redirect made by Response.redirect): it goes without
        }
      }
      return response;
    });
}
