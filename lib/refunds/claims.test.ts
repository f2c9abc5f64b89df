/**
 * Refunds the customer claims, against the sandbox on PGlite and (with TEST_DATABASE_URL)
 * PostgreSQL: the state machine (offered → claimed → approved → sent; expired; cancelled), a
 * single-use unguessable token, wrong-network addresses, two tabs claiming at once, two approvals
 * at once (one send), a claim for a checkout refunded meanwhile, the auto-approve limit, and each
 * step recorded in order.
 */
import assert from "node:assert/strict";
import { describe } from "node:test";
import { eq } from "drizzle-orm";
import { findCheckout } from "../checkouts/repository";
import { startPayment } from "../checkouts/start-payment";
import { dbTargets, startEngine, type Engine } from "../../test/support/checkout-harness";
import { refundClaims } from "../db/schema";
import { ApiError } from "../errors/api-error";
import { waitFor } from "../../test/support/sandbox-harness";
import { listRefunds } from "./queries";
import { requestRefund } from "./request";
import {
  approveClaim,
  cancelClaim,
  claimRefund,
  hashClaimToken,
  listClaims,
  offerRefundClaim,
  publicClaim,
  setAutoApproveLimit,
  type ClaimAudit,
} from "./claims";

const BTC_MAIN = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
const ETH = "0x52908400098527886E0F7030069857D2E4169EE7";
const TRON = "TKHuVq1oKVruCGLvqVexFs6dawKv6fQgFs";

async function rejects(p: Promise<unknown>, status: number, code: string, field?: string) {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ApiError, `expected ApiError ${code}, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    assert.equal(e.status, status, e.message);
    if (field) assert.equal(e.field, field);
    return e;
  }
  assert.fail(`expected ${code}`);
}

function recorder() {
  const steps: Array<[string, Record<string, unknown>]> = [];
  const audit: ClaimAudit = async (action, details) => {
    steps.push([action, details]);
  };
  return { steps, audit, actions: () => steps.map(([a]) => a) };
}

for (const [dbName, openDb, { it, before, after }] of dbTargets()) {
  describe(`refund claims on ${dbName}`, () => {
    let engine: Engine;
    before(async () => {
      engine = await startEngine(openDb);
    });
    after(() => engine.close());

    async function paid(payCurrency = "BTC") {
      const { checkout } = await engine.checkout({ payCurrencies: ["BTC", "UST-TRX"] });
      const { invoice } = await startPayment(engine.deps, checkout.id, { payCurrency });
      await engine.harness.control(`invoices/${invoice!.upstreamId}/pay`, { payCurrency });
      assert.ok(await waitFor(async () => (await findCheckout(engine.deps.db, checkout.id))!.state === "paid", 5000));
      return { checkout: (await findCheckout(engine.deps.db, checkout.id))!, invoiceId: invoice!.upstreamId! };
    }
    const sandboxRefunds = async (invoiceId: string) =>
      ((await engine.harness.state()).refunds as Array<{ invoiceId: string; address: string }>).filter(
        (r) => r.invoiceId === invoiceId,
      );

    it("offered → claimed → approved → sent, once; the token is single-use and only its hash is kept; every step recorded in order", async () => {
      const { checkout, invoiceId } = await paid();
      const r = recorder();
      const offer = await offerRefundClaim(
        engine.deps,
        checkout.id,
        { amount: "0.00001" },
        { offeredBy: "t", audit: r.audit },
      );
      assert.match(offer.url, /\/refund\/[A-Za-z0-9_-]{43}$/);
      assert.equal(offer.claim.status, "offered");
      const [stored] = await engine.deps.db.select().from(refundClaims).where(eq(refundClaims.id, offer.claim.id));
      assert.equal(stored!.tokenHash, hashClaimToken(offer.token));
      assert.ok(!JSON.stringify(stored).includes(offer.token), "the token itself is not stored");
      const seen = await publicClaim(engine.deps, offer.token);
      assert.equal(seen.amount, "0.00001");
      assert.equal(seen.asset, "BTC");
      assert.equal(seen.status, "offered");

      // A wrong-network address is refused naming the field, and nothing is written.
      await rejects(claimRefund(engine.deps, offer.token, { address: ETH }), 422, "invalid_field", "address");
      await rejects(
        claimRefund(engine.deps, offer.token, { address: BTC_MAIN, paymentId: "1" }),
        422,
        "invalid_field",
        "paymentId",
      );
      assert.equal((await publicClaim(engine.deps, offer.token)).status, "offered");

      const claimed = await claimRefund(engine.deps, offer.token, { address: ` ${BTC_MAIN} ` }, { audit: r.audit });
      assert.equal(claimed.claim.status, "claimed");
      assert.equal(claimed.claim.address, BTC_MAIN);
      assert.equal(claimed.refund, null, "auto-approve is off by default: nothing sent");
      assert.equal((await sandboxRefunds(invoiceId)).length, 0);
      // Replayed: the address cannot be changed.
      await rejects(claimRefund(engine.deps, offer.token, { address: BTC_MAIN }), 409, "claim_used");

      // Two approvals at once: one refund, sent once.
      const both = await Promise.all(
        [1, 2].map(() =>
          approveClaim(engine.deps, checkout.id, offer.claim.id, { approvedBy: "u1", audit: r.audit }).catch(
            (e: unknown) => e,
          ),
        ),
      );
      for (const b of both) if (b instanceof ApiError) assert.equal(b.code, "refund_in_progress");
      const ok = both.filter((b) => !(b instanceof Error)) as Array<Awaited<ReturnType<typeof approveClaim>>>;
      assert.ok(ok.length >= 1);
      assert.equal(ok[0]!.claim.status, "sent");
      const again = await approveClaim(engine.deps, checkout.id, offer.claim.id, { approvedBy: "u1", audit: r.audit });
      assert.equal(again.refund.replayed, true);
      assert.equal((await sandboxRefunds(invoiceId)).length, 1, "the sandbox recorded exactly one refund");
      assert.equal((await listRefunds(engine.deps.db, checkout.id)).length, 1);
      const actions = r.actions();
      assert.deepEqual(actions.slice(0, 2), ["refund.claim_offered", "refund.claimed"]);
      assert.ok(actions.indexOf("refund.approved") > 1);
      assert.ok(actions.indexOf("refund.sent") > actions.indexOf("refund.approved"));
      assert.equal(actions.filter((a) => a === "refund.sent").length, 1);
      const [listed] = await listClaims(engine.deps, checkout.id);
      assert.equal(listed!.status, "sent");
      assert.equal(listed!.refundId, ok[0]!.refund.refund.id);
      await rejects(cancelClaim(engine.deps, checkout.id, offer.claim.id), 409, "refund_settled");
    });

    it("two tabs claiming at once: one wins, the other is told it was used; a made-up token is a 404", async () => {
      const { checkout } = await paid();
      const offer = await offerRefundClaim(engine.deps, checkout.id, { amount: "full" }, { offeredBy: "t" });
      const tabs = await Promise.all(
        [BTC_MAIN, "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh"].map((address) =>
          claimRefund(engine.deps, offer.token, { address }).catch((e: unknown) => e),
        ),
      );
      const won = tabs.filter((t) => !(t instanceof Error));
      assert.equal(won.length, 1, tabs.map(String).join(" | "));
      const lost = tabs.find((t) => t instanceof ApiError) as ApiError;
      assert.equal(lost.code, "claim_used");
      const row = (await listClaims(engine.deps, checkout.id))[0]!;
      assert.equal(row.address, (won[0] as Awaited<ReturnType<typeof claimRefund>>).claim.address);
      await rejects(publicClaim(engine.deps, "x".repeat(43)), 404, "not_found");
      await rejects(publicClaim(engine.deps, "../../etc"), 404, "not_found");
    });

    it("an expired link and a withdrawn one cannot be claimed; approving an unclaimed offer is refused", async () => {
      const { checkout } = await paid();
      const offer = await offerRefundClaim(
        engine.deps,
        checkout.id,
        { amount: "0.00001", expiresInHours: 1 },
        { offeredBy: "t" },
      );
      await rejects(
        approveClaim(engine.deps, checkout.id, offer.claim.id, { approvedBy: "u" }),
        409,
        "claim_unavailable",
      );
      engine.advance(3_600_001);
      assert.equal((await publicClaim(engine.deps, offer.token)).status, "expired");
      const e = await rejects(claimRefund(engine.deps, offer.token, { address: BTC_MAIN }), 410, "claim_unavailable");
      assert.equal(e.extra.reason, "expired");
      const second = await offerRefundClaim(engine.deps, checkout.id, { amount: "0.00001" }, { offeredBy: "t" });
      await cancelClaim(engine.deps, checkout.id, second.claim.id);
      const c = await rejects(claimRefund(engine.deps, second.token, { address: BTC_MAIN }), 410, "claim_unavailable");
      assert.equal(c.extra.reason, "cancelled");
      await rejects(
        offerRefundClaim(engine.deps, checkout.id, { amount: "0" }, { offeredBy: "t" }),
        422,
        "invalid_field",
        "amount",
      );
      await rejects(
        offerRefundClaim(engine.deps, checkout.id, { amount: "full", expiresInHours: 99999 }, { offeredBy: "t" }),
        422,
        "invalid_field",
        "expiresInHours",
      );
    });

    it("a checkout refunded in full after the offer: the claim is refused with a clear error and nothing is written; a new offer is refused too", async () => {
      const { checkout, invoiceId } = await paid();
      const offer = await offerRefundClaim(engine.deps, checkout.id, { amount: "full" }, { offeredBy: "t" });
      // An open claim counts as spent: another offer for the rest finds nothing left.
      await rejects(
        offerRefundClaim(engine.deps, checkout.id, { amount: "full" }, { offeredBy: "t" }),
        409,
        "nothing_to_refund",
      );
      await cancelClaim(engine.deps, checkout.id, offer.claim.id);
      const again = await offerRefundClaim(engine.deps, checkout.id, { amount: "full" }, { offeredBy: "t" });
      await requestRefund(engine.deps, checkout.id, { amount: "full", address: BTC_MAIN }, { requestedBy: "t" });
      await rejects(claimRefund(engine.deps, again.token, { address: BTC_MAIN }), 409, "nothing_to_refund");
      assert.equal((await publicClaim(engine.deps, again.token)).status, "offered", "nothing half-written");
      await rejects(
        offerRefundClaim(engine.deps, checkout.id, { amount: "full" }, { offeredBy: "t" }),
        409,
        "nothing_to_refund",
      );
      assert.equal((await sandboxRefunds(invoiceId)).length, 1);
    });

    it("USDt (no network in Bitfinex's refund call) and an unpaid checkout cannot be offered", async () => {
      const { checkout } = await paid("UST-TRX");
      await rejects(
        offerRefundClaim(engine.deps, checkout.id, { amount: "full" }, { offeredBy: "t" }),
        409,
        "not_refundable",
      );
      const { checkout: unpaid } = await engine.checkout();
      await rejects(
        offerRefundClaim(engine.deps, unpaid.id, { amount: "full" }, { offeredBy: "t" }),
        409,
        "not_refundable",
      );
      assert.deepEqual(await listClaims(engine.deps, checkout.id), []);
      void TRON;
    });

    it("under the auto-approve limit the claim is sent when claimed (approved by 'auto'), above it it waits", async () => {
      const { checkout, invoiceId } = await paid();
      await setAutoApproveLimit(engine.deps, "1000000");
      try {
        const r = recorder();
        const offer = await offerRefundClaim(engine.deps, checkout.id, { amount: "0.00001" }, { offeredBy: "t" });
        const claimed = await claimRefund(engine.deps, offer.token, { address: BTC_MAIN }, { audit: r.audit });
        assert.equal(claimed.claim.status, "sent");
        assert.equal(claimed.claim.approvedBy, "auto");
        assert.deepEqual(r.actions(), ["refund.claimed", "refund.approved", "refund.sent"]);
        assert.equal(r.steps[1]![1].auto, true);
        assert.equal((await sandboxRefunds(invoiceId)).length, 1);
        await setAutoApproveLimit(engine.deps, "0.000001");
        const big = await offerRefundClaim(engine.deps, checkout.id, { amount: "0.00001" }, { offeredBy: "t" });
        assert.equal((await claimRefund(engine.deps, big.token, { address: BTC_MAIN })).claim.status, "claimed");
        assert.equal((await sandboxRefunds(invoiceId)).length, 1);
      } finally {
        await setAutoApproveLimit(engine.deps, null);
      }
    });
  });
}
