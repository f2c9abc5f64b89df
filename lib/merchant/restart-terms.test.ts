/**
 * "Start again" answers as opening the link again would (the review found it revived dead links):
 * a payment link turned off, or a signed link past its exp, refuses with 410 and makes nothing; a
 * live link's restart gets the link's terms of now.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { restartCheckout } from "../checkouts/restart";
import type { CheckoutDeps } from "../checkouts/deps";
import { openDatabase, type DbHandle } from "../db/connect";
import { checkoutsTable as checkouts } from "../db/checkout-tables";
import { ApiError } from "../errors/api-error";
import { checkoutFromLink, checkoutFromSignedLink, createPaymentLink } from "./payment-links";
import { updatePaymentLink } from "./payment-link-update";
import { restartTerms } from "./restart-terms";

describe("restart reloads its link", () => {
  let handle: DbHandle;
  let deps: CheckoutDeps;
  let clock = Date.parse("2026-12-01T10:00:00Z");
  before(async () => {
    handle = await openDatabase({ memory: true });
    deps = { db: handle.db, mode: "sandbox", appUrl: "http://localhost", now: () => clock, log: () => {} } as never;
  });
  after(async () => {
    await handle.close();
  });

  const expire = (id: string) => handle.db.update(checkouts).set({ state: "expired" }).where(eq(checkouts.id, id));
  const count = async () => (await handle.db.select({ id: checkouts.id }).from(checkouts)).length;
  const restart = (id: string, counted: { n: number } = { n: 0 }) =>
    restartCheckout(deps, id, {
      currentTerms: (row) => restartTerms(deps, row),
      beforeCreate: async () => void counted.n++,
    });
  const refusedWith = (status: number, code: string) => (e: unknown) =>
    e instanceof ApiError && e.status === status && e.code === code;

  it("a payment link turned off: 410 link_disabled, no checkout made, the visitor limit not charged", async () => {
    const link = await createPaymentLink(deps, { name: "Gift", amount: "15.00", currency: "USD" });
    const old = await checkoutFromLink(deps, link, null);
    await expire(old.id);
    await updatePaymentLink(deps, link.id, { active: false });
    const before = await count();
    const counted = { n: 0 };
    await assert.rejects(restart(old.id, counted), refusedWith(410, "link_disabled"));
    assert.equal(await count(), before);
    assert.equal(counted.n, 0);
    // Turned back on, it restarts again.
    await updatePaymentLink(deps, link.id, { active: true });
    assert.equal((await restart(old.id)).state, "awaiting_payment");
  });

  it("a live payment link's restart has the link's terms of now, not the old checkout's", async () => {
    const link = await createPaymentLink(deps, { name: "Tea", amount: "10.00", currency: "USD" });
    const old = await checkoutFromLink(deps, link, null);
    await expire(old.id);
    await updatePaymentLink(deps, link.id, { amount: "12.50", payCurrencies: ["BTC"] });
    const fresh = await restart(old.id);
    assert.equal(fresh.amount.replace(/0+$/, ""), "12.5");
    assert.deepEqual(fresh.payCurrencies, ["BTC"]);
    assert.equal(fresh.orderId, old.orderId);
    assert.equal(fresh.sourceRef, link.id);
  });

  it("a signed link past its exp: 410 link_expired; before it, a restart with the signed terms", async () => {
    const exp = Math.floor(clock / 1000) + 3600;
    const params = { amount: "12.00", currency: "USD", orderId: "SIG-1", exp };
    const old = await checkoutFromSignedLink(deps, params, "s".repeat(43));
    assert.equal(old.sourceExp, exp);
    await expire(old.id);
    const still = await restart(old.id);
    assert.equal(still.amount.replace(/\.?0+$/, ""), "12");
    await expire(still.id);
    clock += 3600_000; // now at exp
    const before = await count();
    await assert.rejects(restart(still.id), refusedWith(410, "link_expired"));
    assert.equal(await count(), before);
  });

  it("a signed link without exp restarts; one made before exp was kept is sent back to its link", async () => {
    const old = await checkoutFromSignedLink(
      deps,
      { amount: "3.00", currency: "EUR", orderId: "SIG-2" },
      "t".repeat(43),
    );
    assert.equal(old.sourceExp, 0);
    await expire(old.id);
    assert.equal((await restart(old.id)).state, "awaiting_payment");
    const legacy = await checkoutFromSignedLink(
      deps,
      { amount: "3.00", currency: "EUR", orderId: "SIG-3" },
      "u".repeat(43),
    );
    await handle.db.update(checkouts).set({ state: "expired", sourceExp: null }).where(eq(checkouts.id, legacy.id));
    await assert.rejects(restart(legacy.id), refusedWith(409, "restart_not_allowed"));
  });
});
