// Calls from the payment screen to this app's public checkout endpoints (never to Bitfinex).
import type { ApiProblem, CheckoutStatus, CheckoutView } from "../types";

export type Result<T> = { ok: true; value: T } | { ok: false; status: number; problem: ApiProblem };

async function call<T>(url: string, init: RequestInit): Promise<Result<T>> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    return { ok: false, status: 0, problem: { code: "network", message: "" } };
  }
  const body = await res.json().catch(() => null);
  if (res.ok) return { ok: true, value: body as T };
  return { ok: false, status: res.status, problem: (body?.error as ApiProblem) ?? { code: "unknown", message: "" } };
}

export function startPayment(id: string, body: { payCurrency: string; customerInfo?: Record<string, string> }) {
  return call<CheckoutView>(`/api/checkouts/${id}/payment`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

export function restartCheckout(id: string) {
  return call<{ id: string }>(`/api/checkouts/${id}/restart`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
}

export interface StatusAnswer {
  status: CheckoutStatus;
  /** Server clock minus this device's clock, in ms. */
  clockOffsetMs: number;
}

/** The status poll. The browser revalidates with the ETag on its own; a 304 comes back as the cached body. */
export async function fetchStatus(url: string): Promise<StatusAnswer> {
  const sent = Date.now();
  const res = await fetch(url, { cache: "no-cache" });
  if (!res.ok) throw Object.assign(new Error(`status ${res.status}`), { status: res.status });
  const status = (await res.json()) as CheckoutStatus;
  const received = Date.now();
  // The body's serverTime is exact on a 200 but stale on a cached 304; the Date header is fresh on both.
  const fromBody = Date.parse(status.serverTime);
  const fromHeader = Date.parse(res.headers.get("date") ?? "") + 500;
  const server = Number.isNaN(fromHeader) || fromBody > fromHeader ? fromBody : fromHeader;
  return { status, clockOffsetMs: server - (sent + received) / 2 };
}
