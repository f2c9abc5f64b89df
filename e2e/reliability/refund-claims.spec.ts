// Refund claim links, attacked (issue 24), against a production server of its own:
// - wrong-network addresses (Ethereum, Tron, a Bitcoin test-network address is fine in the sandbox
//   but garbage is not) are refused naming the field, and the claim stays open;
// - made-up, truncated and path-like tokens are 404s, and say nothing about real claims;
// - two tabs claiming at once: exactly one address is taken, the other answer is 409 claim_used;
//   a replay afterwards is refused the same way;
// - two approvals at once send one refund (Bitfinex's record shows one);
// - a claim for a checkout refunded in full since the offer: 409 nothing_to_refund, nothing
//   written; a new offer is refused too; a withdrawn link answers 410 claim_unavailable.
// (Expiry is tested with a moved clock in lib/refunds/claims.test.ts, on PGlite and PostgreSQL.)
// Figures: test-results/reliability-refund-claims.json (docs/RELIABILITY.md).
import { expect, test } from "@playwright/test";
import { signInCookie } from "./support/fixtures";
import { PORT_BASE, startApp, writeFigures, type AppServer } from "./support/servers";
import { MERCHANT_KEY, Shop } from "./support/shop";

const BTC_MAIN = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
const BTC_OTHER = "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh";
let app: AppServer;
let shop: Shop;
let cookie: string;
const figures: Record<string, unknown> = {
  command: "npx next build && E2E_PORT=4400 npx playwright test e2e/reliability/refund-claims.spec.ts",
};

test.beforeAll(async () => {
  test.setTimeout(180_000);
  app = await startApp({ name: "refund-claims", port: PORT_BASE + 39 });
  shop = new Shop(app.url);
  const signedIn = await signInCookie(app.url);
  expect(signedIn.cookie).not.toBeNull();
  cookie = signedIn.cookie!;
});

test.afterAll(async () => {
  await app?.dispose();
  writeFigures("refund-claims", figures);
});

const dashboard = (path: string, body: unknown = {}) =>
  fetch(`${app.url}${path}`, {
    method: "POST",
    headers: { cookie, origin: app.url, "sec-fetch-site": "same-origin", "content-type": "application/json" },
    body: JSON.stringify(body),
  });
const claimPost = (token: string, body: unknown) =>
  fetch(`${app.url}/api/refund-claims/${token}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
const offer = async (id: string, amount: string) => {
  const res = await fetch(`${app.url}/api/v1/checkouts/${id}/refunds`, {
    method: "POST",
    headers: { authorization: `Bearer ${MERCHANT_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ claim: true, amount }),
  });
  return { status: res.status, body: (await res.json()) as { id: string; url: string; error?: { code: string } } };
};
const tokenOf = (url: string) => url.split("/").pop()!;

async function paidCheckout(): Promise<{ id: string; invoiceId: string }> {
  const { id } = await shop.createCheckout();
  await shop.startPayment(id, "BTC");
  const invoiceId = (await shop.merchantView(id)).invoices.find((i) => i.rail === "pay")!.bitfinexId!;
  await shop.control(`invoices/${invoiceId}/pay`, { payCurrency: "BTC" });
  await shop.waitForState(id, "paid", 60_000);
  return { id, invoiceId };
}
const sandboxRefunds = async (invoiceId: string) =>
  ((await shop.sandboxState()).refunds as Array<{ invoiceId: string }>).filter((r) => r.invoiceId === invoiceId);
const claimsOf = async (id: string) => {
  const page = await fetch(`${app.url}/dashboard/checkouts/${id}`, { headers: { cookie } });
  return [...(await page.text()).matchAll(/data-testid="claim-row" data-status="([a-z]+)"/g)].map((m) => m[1]);
};

test("hostile claims: wrong networks, made-up tokens, two tabs at once, a replay, two approvals at once, a refunded checkout, a withdrawn link", async () => {
  test.setTimeout(180_000);
  const { id, invoiceId } = await paidCheckout();
  const first = await offer(id, "0.00001");
  expect(first.status).toBe(201);
  expect(first.body.url).toMatch(/\/refund\/[A-Za-z0-9_-]{43}$/);
  const token = tokenOf(first.body.url);

  // Wrong networks and garbage: refused naming the field; the claim stays open.
  const wrong: Record<string, number> = {};
  for (const [what, address] of [
    ["Ethereum", "0x52908400098527886E0F7030069857D2E4169EE7"],
    ["Tron", "TKHuVq1oKVruCGLvqVexFs6dawKv6fQgFs"],
    ["a Bitcoin address with one character changed", BTC_MAIN.slice(0, -1) + "x"],
    ["10,000 characters", "b".repeat(10_000)],
    ["an object", { address: BTC_MAIN }],
    ["nothing", ""],
  ] as const) {
    const res = await claimPost(token, { address });
    const body = await res.json();
    expect(res.status, what).toBe(422);
    expect(body.error).toMatchObject({ code: "invalid_field", field: "address" });
    wrong[what] = res.status;
  }
  const memo = await claimPost(token, { address: BTC_MAIN, paymentId: "123" });
  expect((await memo.json()).error).toMatchObject({ code: "invalid_field", field: "paymentId" });
  expect(await claimsOf(id)).toEqual(["offered"]);
  figures.wrongNetwork = { refused: Object.keys(wrong).length + 1, of: Object.keys(wrong).length + 1 };

  // Made-up tokens: 404, the same answer whatever the token looks like.
  const madeUp: number[] = [];
  for (const t of ["x".repeat(43), token.slice(0, 42), `${token}A`, "..%2F..%2Fetc%2Fpasswd", "%00"]) {
    const res = await claimPost(t, { address: BTC_MAIN });
    expect(res.status, t).toBe(404);
    madeUp.push(res.status);
  }
  const page404 = await fetch(`${app.url}/refund/${"y".repeat(43)}`);
  expect(page404.status).toBe(404);
  figures.madeUpTokens = { notFound: madeUp.length, of: madeUp.length };

  // Two tabs at once, with different addresses: exactly one wins.
  const tabs = await Promise.all([BTC_MAIN, BTC_OTHER].map((address) => claimPost(token, { address })));
  const statuses = tabs.map((r) => r.status).sort();
  expect(statuses).toEqual([200, 409]);
  const loser = tabs.find((r) => r.status === 409)!;
  expect((await loser.json()).error.code).toBe("claim_used");
  const winner = (await tabs.find((r) => r.status === 200)!.json()) as { address: string; status: string };
  expect(winner.status).toBe("claimed");
  const replay = await claimPost(token, { address: BTC_OTHER });
  expect(replay.status).toBe(409);
  expect((await replay.json()).error.code).toBe("claim_used");
  figures.twoTabs = { answers: statuses, replay: replay.status };

  // Two approvals at once: one refund reaches Bitfinex.
  const approvals = await Promise.all(
    [1, 2].map(() => dashboard(`/api/dashboard/checkouts/${id}/refund-claims/${first.body.id}/approve`)),
  );
  const approvalStatuses = approvals.map((r) => r.status).sort();
  for (const r of approvals) if (r.status !== 200) expect((await r.json()).error.code).toBe("refund_in_progress");
  expect(approvalStatuses).toContain(200);
  const again = await dashboard(`/api/dashboard/checkouts/${id}/refund-claims/${first.body.id}/approve`);
  expect(again.status).toBe(200);
  expect(((await again.json()) as { status: string }).status).toBe("sent");
  const sent = await sandboxRefunds(invoiceId);
  expect(sent).toHaveLength(1);
  expect((sent[0] as unknown as { address: string }).address).toBe(winner.address);
  figures.twoApprovals = { answers: approvalStatuses, thirdApproval: again.status, refundsAtBitfinex: sent.length };

  // A claim for a checkout refunded in full since the offer: refused, nothing written.
  const rest = await offer(id, "0.00001");
  expect(rest.status).toBe(201);
  const full = await fetch(`${app.url}/api/v1/checkouts/${id}/refunds`, {
    method: "POST",
    headers: { authorization: `Bearer ${MERCHANT_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ amount: "full", address: BTC_MAIN }),
  });
  expect(full.status).toBe(201);
  const late = await claimPost(tokenOf(rest.body.url), { address: BTC_MAIN });
  expect(late.status).toBe(409);
  expect((await late.json()).error.code).toBe("nothing_to_refund");
  const none = await offer(id, "full");
  expect(none.status).toBe(409);
  expect(none.body.error!.code).toBe("nothing_to_refund");
  expect(await claimsOf(id)).toEqual(["sent", "offered"]);
  expect(await sandboxRefunds(invoiceId)).toHaveLength(2);
  figures.refundedMeanwhile = { claim: late.status, newOffer: none.status, claimsWritten: 0 };

  // A withdrawn link: 410.
  expect((await dashboard(`/api/dashboard/checkouts/${id}/refund-claims/${rest.body.id}/cancel`)).status).toBe(200);
  const withdrawn = await claimPost(tokenOf(rest.body.url), { address: BTC_MAIN });
  expect(withdrawn.status).toBe(410);
  expect((await withdrawn.json()).error).toMatchObject({ code: "claim_unavailable", reason: "cancelled" });
  figures.withdrawn = withdrawn.status;
});
