/**
 * The dashboard's queries on PGlite (and PostgreSQL when TEST_DATABASE_URL is set): partial,
 * case-insensitive search with the merchant's wildcards taken literally; revenue per day from paid
 * checkouts only; editing payment links under the rules of new ones; each link's paid sales.
 */
import assert from "node:assert/strict";
import { describe } from "node:test";
import { eq } from "drizzle-orm";
import { createCheckout } from "../checkouts/create";
import type { CheckoutDeps } from "../checkouts/deps";
import { listCheckouts, parseListQuery } from "../checkouts/list";
import { dbTargets } from "../../test/support/checkout-harness";
import { checkoutInputSchema } from "../checkouts/validation";
import type { DbHandle } from "../db/connect";
import { checkoutsTable as checkouts } from "../db/checkout-tables";
import { ApiError } from "../errors/api-error";
import { paymentLinkSales } from "../merchant/payment-link-stats";
import { updatePaymentLink } from "../merchant/payment-link-update";
import { createPaymentLink, paymentLinkView } from "../merchant/payment-links";
import { daysBetween, revenuePerDay } from "./revenue";

const DAY = 24 * 3600_000;

for (const [dbName, openDb, { it, before, after }] of dbTargets()) {
  describe(`dashboard queries on ${dbName}`, () => {
    let handle: DbHandle;
    let deps: CheckoutDeps;
    before(async () => {
      handle = await openDb();
      // Only what these queries touch; no Bitfinex is called.
      deps = { db: handle.db, mode: "sandbox", now: () => Date.now() } as unknown as CheckoutDeps;
    });
    after(async () => {
      await handle.close();
    });

    const make = async (orderId: string, amount = "10.00", extra: { source?: "link"; sourceRef?: string } = {}) =>
      (
        await createCheckout(deps, checkoutInputSchema("sandbox").parse({ amount, currency: "USD", orderId }), {
          source: extra.source ?? "dashboard",
          sourceRef: extra.sourceRef,
        })
      ).checkout;
    const search = async (text: string) =>
      (await listCheckouts(handle.db, parseListQuery(new URLSearchParams({ search: text, limit: "100" })))).rows
        .map((r) => r.orderId)
        .sort();
    const markPaid = (id: string, at: Date, state: "paid" | "paid_late" = "paid") =>
      handle.db.update(checkouts).set({ state, paidAt: at }).where(eq(checkouts.id, id));

    it("search finds part of an order id or a checkout id, in any case", async () => {
      const a = await make("Shop-ORDER-1001");
      await make("shop-order-1002");
      await make("other-77");
      assert.deepEqual(await search("order-100"), ["Shop-ORDER-1001", "shop-order-1002"]);
      assert.deepEqual(await search("SHOP"), ["Shop-ORDER-1001", "shop-order-1002"]);
      assert.deepEqual(await search(a.id.slice(3, 15).toUpperCase()), ["Shop-ORDER-1001"]);
    });

    it("search takes % _ and \\ literally, never as wildcards", async () => {
      // Order ids may hold "_" (not "%" or "\"): each must match only itself.
      await make("pct_50-off");
      await make("pctX50-off");
      assert.deepEqual(await search("t_50"), ["pct_50-off"]);
      assert.deepEqual(await search("%"), []);
      assert.deepEqual(await search("pct%off"), []);
      assert.deepEqual(await search("\\"), []);
    });

    it("revenue per day counts paid and paid-late checkouts, exactly, with quiet days as zero", async () => {
      const now = new Date(Date.UTC(2030, 0, 10, 12));
      const p1 = await make("rev-1", "19.99");
      const p2 = await make("rev-2", "0.01");
      const p3 = await make("rev-3", "5.00");
      await make("rev-unpaid", "1000.00");
      await markPaid(p1.id, new Date(Date.UTC(2030, 0, 8, 23, 59)));
      await markPaid(p2.id, new Date(Date.UTC(2030, 0, 8, 1)), "paid_late");
      await markPaid(p3.id, new Date(Date.UTC(2030, 0, 10, 0, 1)));
      const [usd, ...rest] = await revenuePerDay(handle.db, new Date(now.getTime() - 7 * DAY), now);
      assert.equal(rest.length, 0);
      assert.equal(usd!.currency, "USD");
      assert.equal(usd!.days.length, 8);
      const byDay = Object.fromEntries(usd!.days.map((d) => [d.day, Number(d.amount).toFixed(2)]));
      assert.deepEqual(byDay["2030-01-08"], "20.00");
      assert.deepEqual(byDay["2030-01-09"], "0.00");
      assert.deepEqual(byDay["2030-01-10"], "5.00");
      assert.equal(usd!.total, "25");
      assert.deepEqual(daysBetween(new Date(Date.UTC(2030, 0, 1, 18)), new Date(Date.UTC(2030, 0, 2, 6))), [
        "2030-01-01",
        "2030-01-02",
      ]);
    });

    it("a payment link is edited under the same rules as a new one", async () => {
      const link = await createPaymentLink(deps, {
        name: "Tip jar",
        currency: "EUR",
        minAmount: "1.00",
        maxAmount: "50.00",
      });
      const edited = await updatePaymentLink(deps, link.id, {
        name: "Tips",
        presetAmounts: ["2.00", "5", "10.00"],
        payCurrencies: ["btc", "LNX"],
        duration: 1800,
        redirectUrl: "http://localhost:4000/thanks",
      });
      const view = paymentLinkView(edited, "https://pay.example");
      assert.equal(view.name, "Tips");
      assert.deepEqual(view.presetAmounts, ["2.00", "5.00", "10.00"]);
      assert.deepEqual(view.payCurrencies, ["BTC", "LNX"]);
      assert.equal(view.duration, 1800);
      assert.equal(view.minAmount, "1.00");
      const refused = async (body: unknown, field: string) => {
        await assert.rejects(
          updatePaymentLink(deps, link.id, body),
          (e: unknown) => e instanceof ApiError && e.status === 422 && e.field === field,
        );
      };
      await refused({ presetAmounts: ["60.00"] }, "presetAmounts[0]");
      await refused({ presetAmounts: ["5.00", "5"] }, "presetAmounts[1]");
      await refused({ maxAmount: "0.50" }, "maxAmount");
      await refused({ duration: 60 }, "duration");
      await refused({ colour: "red" }, "colour");
      await refused({}, "body");
      // A fixed amount replaces the range and the presets; null on amount makes it customer-chosen again.
      const fixed = paymentLinkView(await updatePaymentLink(deps, link.id, { amount: "15.00" }), "");
      assert.deepEqual(
        [fixed.amount, fixed.minAmount, fixed.maxAmount, fixed.presetAmounts],
        ["15.00", null, null, []],
      );
      const open = paymentLinkView(
        await updatePaymentLink(deps, link.id, { amount: null, presetAmounts: ["3.00"], active: false }),
        "",
      );
      assert.deepEqual([open.amount, open.presetAmounts, open.active, open.name], [null, ["3.00"], false, "Tips"]);
    });

    it("each link's paid checkouts: count and exact volume", async () => {
      const link = await createPaymentLink(deps, { name: "Mug", currency: "USD", amount: "12.10" });
      const a = await make("l-1", "12.10", { source: "link", sourceRef: link.id });
      const b = await make("l-2", "12.10", { source: "link", sourceRef: link.id });
      await make("l-3", "12.10", { source: "link", sourceRef: link.id });
      await markPaid(a.id, new Date());
      await markPaid(b.id, new Date(), "paid_late");
      const sales = (await paymentLinkSales(handle.db)).get(link.id)!;
      assert.equal(sales.paidCount, 2);
      assert.equal(Number(sales.volume[0]!.amount).toFixed(2), "24.20");
      assert.equal(sales.volume[0]!.currency, "USD");
    });
  });
}
