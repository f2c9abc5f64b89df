/**
 * The customer's acceptance of Bitfinex's terms reaches Bitfinex (invoice/update), after the
 * invoice exists and without holding up the payment; a failure is retried by the TosReporter.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { openDatabase } from "../db/connect";
import { CUSTOMER, waitFor } from "../../test/support/sandbox-harness";
import { findCheckout } from "./repository";
import { startPayment } from "./start-payment";
import { startEngine, type Engine } from "../../test/support/checkout-harness";
import { TosReporter } from "./tos";

describe("terms of service reported to Bitfinex", () => {
  let engine: Engine;
  before(async () => {
    engine = await startEngine(() => openDatabase({ memory: true }));
  });
  after(() => engine.close());
  const sandboxTos = async (checkoutId: string) =>
    ((await engine.harness.state()).payInvoices as Array<{ orderId: string; tosAccepted: boolean | null }>).find(
      (i) => i.orderId === checkoutId,
    )?.tosAccepted;

  it("details with tosAccepted: the payment starts, then Bitfinex's invoice says tosAccepted", async () => {
    const { checkout } = await engine.checkout({ type: "ECOMMERCE" });
    const { invoice } = await startPayment(engine.deps, checkout.id, {
      payCurrency: "BTC",
      customerInfo: CUSTOMER,
      tosAccepted: true,
    });
    assert.ok(invoice?.upstreamId);
    assert.ok(
      await waitFor(async () => (await findCheckout(engine.deps.db, checkout.id))!.tosReportedAt !== null, 5000),
    );
    assert.equal(await sandboxTos(checkout.id), true);
  });

  it("Bitfinex failing does not block the customer; the reporter retries until it has it", async () => {
    const { checkout } = await engine.checkout({ type: "ECOMMERCE" });
    await engine.harness.control("faults", {
      mode: "http500",
      count: 10,
      pathPrefix: "v2/auth/w/ext/pay/invoice/update",
    });
    const { invoice } = await startPayment(engine.deps, checkout.id, {
      payCurrency: "BTC",
      customerInfo: CUSTOMER,
      tosAccepted: true,
    });
    assert.ok(invoice?.upstreamId, "the payment started");
    // The report made in the background gives up for now, and says so.
    assert.ok(
      await waitFor(() => engine.logs.some((l) => l.startsWith(`tos: checkout ${checkout.id}:`)), 10_000),
      "the background report was tried",
    );
    assert.equal((await findCheckout(engine.deps.db, checkout.id))!.tosReportedAt, null);
    assert.equal(await sandboxTos(checkout.id), false);
    await engine.harness.control("faults/clear", {});
    const reporter = new TosReporter(engine.deps);
    assert.equal(await reporter.tick(), true);
    assert.equal(await sandboxTos(checkout.id), true);
    assert.equal(await reporter.tick(), null, "nothing left to report");
  });

  it("without tosAccepted nothing is sent; a bad tosAccepted is refused, naming the field", async () => {
    const { checkout } = await engine.checkout({ type: "ECOMMERCE" });
    await assert.rejects(
      startPayment(engine.deps, checkout.id, { payCurrency: "BTC", customerInfo: CUSTOMER, tosAccepted: "yes" }),
      (e: { field?: string }) => e.field === "tosAccepted",
    );
    const before = engine.calls("invoice/update");
    await startPayment(engine.deps, checkout.id, { payCurrency: "BTC", customerInfo: CUSTOMER });
    // Nothing accepted is recorded, and only something recorded is ever sent (by the payment's
    // background report or the TosReporter): nothing can be on its way.
    assert.equal((await findCheckout(engine.deps.db, checkout.id))!.tosAcceptedAt, null);
    assert.equal(await new TosReporter(engine.deps).tick(), null, "nothing to report");
    assert.equal(engine.calls("invoice/update"), before);
  });
});
