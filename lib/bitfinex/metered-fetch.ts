/**
 * A fetch for the Bitfinex transport that counts every HTTP request and its time in the app's
 * metrics, by endpoint family and outcome. Wrapping fetch (rather than the transport) counts each
 * request on the wire once, retries included, whatever the transport decides about it afterwards.
 */
import { metrics } from "../observability/metrics";
import { familyOf } from "./rate-limits";

export function meteredFetch(inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    // The API path after "/v2/" is what the families are named by; the base URL may have a path of its own.
    const at = url.indexOf("/v2/");
    const family = familyOf(at === -1 ? url : url.slice(at + 1));
    const m = metrics();
    const stop = m.bitfinexRequestSeconds.startTimer({ family });
    try {
      const response = await inner(input, init);
      m.bitfinexRequests.inc({ family, outcome: outcomeOf(response.status) });
      return response;
    } catch (error) {
      const name = (error as { name?: string }).name;
      const outcome = name === "TimeoutError" || name === "AbortError" ? "timeout" : "network";
      m.bitfinexRequests.inc({ family, outcome });
      throw error;
    } finally {
      stop();
    }
  };
}

function outcomeOf(status: number): string {
  if (status === 429) return "http_429";
  if (status >= 500) return "http_5xx";
  if (status >= 400) return "http_4xx";
  return "ok";
}
