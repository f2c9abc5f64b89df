// Calls from the payment screen to this app's public checkout endpoints (never to Bitfinex), in
// the shapes SWR expects: a fetcher for the status, mutation fetchers for starting and restarting.
import type { ApiProblem, CheckoutStatus, CheckoutView } from "./types";

/** A refused or failed call, with the server's problem (or "network" when nothing came back). */
export class CheckoutCallError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ApiProblem,
  ) {
    super(problem.code);
  }
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw new CheckoutCallError(0, { code: "network", message: "" });
  }
  const body = await res.json().catch(() => null);
  if (res.ok) return body as T;
  throw new CheckoutCallError(res.status, (body?.error as ApiProblem) ?? { code: "unknown", message: "" });
}

const post = <T>(url: string, body: unknown) =>
  call<T>(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

export interface PaymentRequest {
  payCurrency: string;
  customerInfo?: Record<string, string>;
  /** The customer ticked Bitfinex's terms of service in the details form. */
  tosAccepted?: true;
}

/** useSWRMutation fetcher for POST /api/checkouts/{id}/payment (idempotent: a repeat gets the same invoice). */
export const startPayment = (url: string, { arg }: { arg: PaymentRequest }) => post<CheckoutView>(url, arg);

/** useSWRMutation fetcher for POST /api/checkouts/{id}/restart. */
export const restartCheckout = (url: string) => post<{ id: string }>(url, {});

/** GET /api/checkouts/{id}: the payment instructions, when the money arrived in another currency than the one on screen. */
export const fetchView = (url: string) => call<CheckoutView>(url);

export interface StatusAnswer {
  status: CheckoutStatus;
  /** Server clock minus this device's clock, in ms; null until the first poll. */
  clockOffsetMs: number | null;
}

/** The status poll. The browser revalidates with the ETag itself; a 304 comes back as the cached body. */
export async function fetchStatus(url: string): Promise<StatusAnswer> {
  const sent = Date.now();
  const res = await fetch(url, { cache: "no-cache" });
  if (!res.ok) throw new CheckoutCallError(res.status, { code: "status", message: "" });
  const status = (await res.json()) as CheckoutStatus;
  const received = Date.now();
  // The body's serverTime is exact on a 200 but stale on a cached 304; the Date header is fresh on both.
  const fromBody = Date.parse(status.serverTime);
  const fromHeader = Date.parse(res.headers.get("date") ?? "") + 500;
  const server = Number.isNaN(fromHeader) || fromBody > fromHeader ? fromBody : fromHeader;
  return { status, clockOffsetMs: server - (sent + received) / 2 };
}
