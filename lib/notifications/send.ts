/**
 * One HTTP POST of a notification. node:http rather than fetch, for two reasons: its `lookup`
 * option lets live mode check and pin the addresses the socket connects to (see lib/net/public-destination.ts),
 * and it never follows redirects (a 3xx is a failed delivery: following it would let an endpoint
 * bounce our signed request to a host nobody checked).
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { DestinationError, hostOf, isPublicAddress, publicOnlyLookup } from "../net/public-destination";

export interface SendOptions {
  /** Give up after this long without a response (the merchant's endpoint hangs). */
  timeoutMs: number;
  /** Live mode: refuse non-public destinations. */
  publicOnly: boolean;
}

export interface SendResult {
  /** The HTTP status, or null when no response came. */
  statusCode: number | null;
  /** Null on a 2xx; otherwise why the delivery failed, in words for the dashboard. */
  error: string | null;
  /** Milliseconds from the request to the response headers (or the failure). */
  latencyMs: number;
}

export async function postJson(
  rawUrl: string,
  body: string,
  headers: Record<string, string>,
  options: SendOptions,
): Promise<SendResult> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { statusCode: null, error: "invalid URL", latencyMs: 0 };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return { statusCode: null, error: "unsupported URL scheme", latencyMs: 0 };
  // Node skips `lookup` for a literal IP, so a literal is checked here.
  const host = hostOf(url);
  if (options.publicOnly && isIP(host) && !isPublicAddress(host)) {
    return { statusCode: null, error: new DestinationError(host).message, latencyMs: 0 };
  }
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: Omit<SendResult, "latencyMs">) => {
      if (settled) return;
      settled = true;
      resolve({ ...result, latencyMs: latency() });
    };
    const req = send(url, {
      method: "POST",
      headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
      // A fresh connection per delivery: nothing pooled outlives it, and each one is checked.
      agent: false,
      ...(options.publicOnly && { lookup: publicOnlyLookup }),
    });
    const timer = setTimeout(() => {
      finish({ statusCode: null, error: `timeout: no response within ${options.timeoutMs} ms` });
      req.destroy();
    }, options.timeoutMs);
    req.on("response", (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      // The body does not matter; drain it so the connection can close, within the same timeout.
      res.resume();
      res.on("error", () => {});
      res.on("close", () => clearTimeout(timer));
      if (status >= 200 && status < 300) finish({ statusCode: status, error: null });
      else if (status >= 300 && status < 400)
        finish({ statusCode: status, error: `HTTP ${status}: redirects are not followed` });
      else finish({ statusCode: status, error: `HTTP ${status}` });
    });
    req.on("error", (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      finish({ statusCode: null, error: describe(e) });
    });
    req.end(body);
  });
}

function describe(e: NodeJS.ErrnoException): string {
  if (e instanceof DestinationError) return e.message;
  switch (e.code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ECONNRESET":
      return "connection reset";
    case "ENOTFOUND":
      return "host not found";
    case "EAI_AGAIN":
      return "DNS lookup failed (temporary)";
    default:
      return e.code ? `${e.code}: ${e.message}` : e.message;
  }
}
