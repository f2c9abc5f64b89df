/**
 * Lightning read from two sources, against public evidence: the `{state: "not_paid"}` form third-party
 * code reads (test/fixtures/bitfinex/observed-lnx-getInvoiceById-not-paid.json) and the PHP SDK's
 * movements row (php-200_movements_response.json) made an LNX deposit. A deposit pays an invoice
 * only when exactly one deposit and exactly one invoice can match.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { listMovements } from "../../bitfinex/account/movements";
import { getLightningPayment, lnxStatusState } from "../../bitfinex/lightning/invoice-payments";
import type { BitfinexTransport } from "../../bitfinex/transport";
import type { Movement } from "../../bitfinex/types";
import { parseJsonLossless } from "../../json/lossless-json";
import { matchMovement, observeLightningMovement } from "./lightning-movements";
import type { InvoiceRow } from "../repository";

const FIXTURES = join(process.cwd(), "test/fixtures/bitfinex");
const fixture = (name: string): unknown => parseJsonLossless(readFileSync(join(FIXTURES, name), "utf8"));
const answering = (answer: unknown) =>
  ({ authPost: async () => answer, publicGet: async () => answer }) as unknown as BitfinexTransport;

const T0 = Date.parse("2026-12-01T10:00:00Z");
const invoice = (id: number, amountBtc: string, createdAt = T0): InvoiceRow =>
  ({
    id,
    checkoutId: `co_${id}`,
    amountBtc,
    createdAt: new Date(createdAt),
    expiresAt: new Date(createdAt + 15 * 60_000),
  }) as InvoiceRow;

/** The PHP SDK's movements row, changed only where the scenario says. */
async function deposit(patch: { amount?: string; at?: number; status?: string; id?: number } = {}): Promise<Movement> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const [row] = fixture("php-200_movements_response.json") as any[];
  const r = [...row];
  r[0] = patch.id ?? r[0];
  r[1] = "LNX";
  r[5] = patch.at ?? T0 + 60_000;
  r[6] = patch.at ?? T0 + 60_000;
  if (patch.status) r[9] = patch.status;
  r[12] = parseJsonLossless(patch.amount ?? "0.00012345");
  const [m] = await listMovements(answering([r]), { currency: "LNX" });
  return m!;
}

describe("LNX invoice payments: the observed form and words nobody documented", () => {
  it('reads {state: "not_paid"} (no hash in it) as the invoice asked about, not paid', async () => {
    const p = await getLightningPayment(
      answering(fixture("observed-lnx-getInvoiceById-not-paid.json")),
      "AB".repeat(32),
    );
    assert.equal(p?.paymentHash, "ab".repeat(32));
    assert.equal(p?.state, "unpaid");
    assert.equal(p?.rawStatus, "not_paid");
  });

  it("a word outside the known lists is unknown, kept as Bitfinex wrote it (never paid, never expired)", async () => {
    const p = await getLightningPayment(answering({ state: "INVOICE_SETTLED_V2" }), "cd".repeat(32));
    assert.equal(p?.state, "unknown");
    assert.equal(p?.rawStatus, "INVOICE_SETTLED_V2");
    assert.equal(lnxStatusState("toString"), "unknown", "not read from Object.prototype");
  });
});

describe("LNX deposit movements as the second source", () => {
  it("the PHP SDK's COMPLETED row, as an LNX deposit of the invoice's amount in its time, pays it", async () => {
    const m = await deposit();
    assert.equal(m.status, "COMPLETED");
    const match = matchMovement(invoice(1, "0.00012345"), [m], [invoice(1, "0.00012345")]);
    assert.equal(match.kind, "paid");
    const obs = observeLightningMovement(m, invoice(1, "0.00012345"));
    assert.equal(obs.kind, "full");
    assert.equal(obs.amountPaid, "0.00012345");
    assert.equal(obs.payments[0]?.depositId, 13105603);
  });

  it("another amount, a withdrawal, a deposit not COMPLETED, or one outside the invoice's time pays nothing", async () => {
    const inv = invoice(1, "0.00012345");
    assert.equal(matchMovement(inv, [await deposit({ amount: "0.00012346" })], []).kind, "none");
    assert.equal(matchMovement(inv, [await deposit({ amount: "-0.00012345" })], []).kind, "none");
    assert.equal(matchMovement(inv, [await deposit({ status: "PENDING" })], []).kind, "none");
    assert.equal(matchMovement(inv, [await deposit({ at: T0 + 3 * 60 * 60_000 })], []).kind, "none");
  });

  it("refuses to guess: two open invoices of the same amount, or two deposits for one invoice", async () => {
    const m = await deposit();
    const a = invoice(1, "0.00012345");
    const b = invoice(2, "0.000123450", T0 + 30_000);
    const both = matchMovement(a, [m], [a, b]);
    assert.equal(both.kind, "ambiguous");
    assert.match((both as { why: string }).why, /could pay 2 invoices/);
    const twice = matchMovement(a, [m, await deposit({ id: 2, at: T0 + 120_000 })], [a]);
    assert.equal(twice.kind, "ambiguous");
    // An invoice of the same amount long before (its window closed) does not compete.
    assert.equal(matchMovement(a, [m], [a, invoice(3, "0.00012345", T0 - 5 * 60 * 60_000)]).kind, "paid");
  });
});
