// What the reliability specs need in their private app: a signed-in dashboard session, and the
// checkouts and links that hostile requests aim at.
import { expect } from "@playwright/test";

export const SANDBOX_KEY = "sk_sandbox_0123456789abcdefghijkl";
export const keyHeader = { authorization: `Bearer ${SANDBOX_KEY}` };

/** Signs in (as admin / sandbox unless told) the way the sign-in form does; returns the Cookie header to send. */
export async function signInCookie(
  baseURL: string,
  password = "sandbox",
  headers: Record<string, string> = {},
  username = "admin",
): Promise<{ status: number; location: string; cookie: string | null }> {
  const csrf = await fetch(`${baseURL}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({
      csrfToken,
      username,
      password,
      callbackUrl: `${baseURL}/dashboard`,
    }).toString(),
  });
  const session = res.headers.getSetCookie().find((c) => /next-auth\.session-token=/.test(c));
  return {
    status: res.status,
    location: res.headers.get("location") ?? "",
    cookie: session ? session.split(";")[0]! : null,
  };
}

export interface Fixtures {
  co: string;
  ecom: string;
  link: string;
  openLink: string;
  offLink: string;
  /** Query string of a valid signed link. */
  signed: string;
  expiredSigned: string;
}

async function post(baseURL: string, path: string, body: unknown, method = "POST") {
  const res = await fetch(`${baseURL}${path}`, {
    method,
    headers: { ...keyHeader, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
}

export async function makeFixtures(baseURL: string): Promise<Fixtures> {
  const co = await post(baseURL, "/api/v1/checkouts", {
    amount: "25.00",
    currency: "USD",
    orderId: "R-FIX-1",
    duration: 86_400,
  });
  const ecom = await post(baseURL, "/api/v1/checkouts", {
    amount: "30.00",
    currency: "EUR",
    orderId: "R-FIX-2",
    type: "ECOMMERCE",
    duration: 86_400,
  });
  const link = await post(baseURL, "/api/v1/payment-links", { name: "Mug", amount: "5.00", currency: "USD" });
  const openLink = await post(baseURL, "/api/v1/payment-links", {
    name: "Tip jar",
    currency: "EUR",
    minAmount: "2.00",
    maxAmount: "50.00",
  });
  const offLink = await post(baseURL, "/api/v1/payment-links", { name: "Old", amount: "1.00", currency: "USD" });
  await post(baseURL, `/api/v1/payment-links/${offLink.id}`, { active: false }, "PATCH");
  const exp = Math.floor(Date.now() / 1000) + 86_400;
  const signed = await post(baseURL, "/api/v1/signed-links", {
    amount: "12.00",
    currency: "USD",
    orderId: "INV-R1",
    exp,
  });
  const expired = await post(baseURL, "/api/v1/signed-links", {
    amount: "12.00",
    currency: "USD",
    orderId: "INV-R0",
    exp: 1_000_000_000,
  });
  const query = (url: unknown) => new URL(String(url)).search.slice(1);
  return {
    co: String(co.id),
    ecom: String(ecom.id),
    link: String(link.id),
    openLink: String(openLink.id),
    offLink: String(offLink.id),
    signed: query(signed.url),
    expiredSigned: query(expired.url),
  };
}

/** Row counts and hashes of every table (sandbox-only diagnostic). */
export async function dbDigest(baseURL: string): Promise<Record<string, { rows: number; sha256: string }>> {
  const res = await fetch(`${baseURL}/sandbox/control/db-digest`);
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, { rows: number; sha256: string }>;
}
