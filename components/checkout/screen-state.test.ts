/**
 * What the payment screen shows, from what the server says: the mode, the instructions in focus
 * (following the money, not the last radio clicked), what is still due and its fiat value, the rate.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rateOf } from "@/lib/checkouts/public-view";
import { assetOf, dueAmounts, focusCurrency, screenMode, shownPayment } from "./screen-state";
import type { CheckoutStatus, Payment } from "./types";

const BTC = {
  payCurrency: "BTC",
  amount: "0.00025",
  asset: "BTC",
  address: "bcrt1qexample",
  paymentRequest: null,
} as Payment;
const TRX = {
  payCurrency: "UST-TRX",
  amount: "25",
  asset: "USDt",
  address: "TExample",
  paymentRequest: null,
} as Payment;
type Summary = NonNullable<CheckoutStatus["payment"]>;
const summary = (over: Partial<Summary>): Summary => ({
  payCurrency: "BTC",
  amountDue: "0.00025",
  amountPaid: "0",
  amountRemaining: "0.00025",
  confirmations: null,
  requiredConfirmations: null,
  fiatRemaining: "25.00",
  ...over,
});

describe("the screen's mode", () => {
  it("final and expired states end the screen; nothing payable says so; otherwise active", () => {
    assert.equal(screenMode({ unavailable: false }, { state: "paid", final: true }), "final:paid");
    assert.equal(screenMode({ unavailable: false }, { state: "expired", final: false }), "final:expired");
    assert.equal(screenMode({ unavailable: true }, { state: "awaiting_payment", final: false }), "unavailable");
    // No currency can take the amount: said once, even though the list of options is empty (so also "unavailable").
    assert.equal(
      screenMode({ unavailable: true, unpayable: true }, { state: "awaiting_payment", final: false }),
      "unpayable",
    );
    assert.equal(
      screenMode({ unavailable: true, unpayable: true }, { state: "expired", final: false }),
      "final:expired",
    );
    assert.equal(screenMode({ unavailable: false }, { state: "underpaid", final: false }), "active");
  });
});

describe("following the money", () => {
  it("before any payment the customer's choice is in focus", () => {
    assert.equal(focusCurrency({ payment: null }, "UST-TRX"), "UST-TRX");
    assert.equal(
      shownPayment({ payment: TRX }, { payment: summary({ payCurrency: "UST-TRX", amountPaid: "0" }) }, "UST-TRX"),
      TRX,
    );
    // Instructions for an older choice are not shown for a newer one.
    assert.equal(shownPayment({ payment: BTC }, { payment: null }, "UST-TRX"), null);
  });

  it("once money arrives, the currency it arrived in wins over the last radio clicked", () => {
    const status = { payment: summary({ payCurrency: "BTC", amountPaid: "0.0001", amountRemaining: "0.00015" }) };
    assert.equal(focusCurrency(status, "UST-TRX"), "BTC");
    // The Tron instructions on screen are not what was paid: nothing is shown until the BTC ones come.
    assert.equal(shownPayment({ payment: TRX }, status, "UST-TRX"), null);
    assert.equal(shownPayment({ payment: BTC }, status, "UST-TRX"), BTC);
  });
});

describe("what is due", () => {
  it("the whole amount and the order total before any payment", () => {
    assert.deepEqual(dueAmounts({ amount: "25.00" }, BTC, { state: "awaiting_payment", payment: null }), {
      amount: "0.00025",
      fiat: "25.00",
      partial: null,
    });
  });

  it("after a part payment: the rest, and the fiat value of the rest (not of the whole order)", () => {
    const status = {
      state: "underpaid" as const,
      payment: summary({ amountPaid: "0.0001", amountRemaining: "0.00015", fiatRemaining: "15.00" }),
    };
    const due = dueAmounts({ amount: "25.00" }, BTC, status);
    assert.equal(due.amount, "0.00015");
    assert.equal(due.fiat, "15.00");
    assert.deepEqual(due.partial, { paid: "0.0001", remaining: "0.00015" });
  });

  it("a part payment in another currency does not change these instructions' amount", () => {
    const status = {
      state: "underpaid" as const,
      payment: summary({ payCurrency: "BTC", amountPaid: "0.0001", amountRemaining: "0.00015" }),
    };
    assert.deepEqual(dueAmounts({ amount: "25.00" }, TRX, status), { amount: "25", fiat: "25.00", partial: null });
  });

  it("the rate the invoice priced the asset at, exact to the cent (worked out on the server)", () => {
    assert.equal(rateOf("25.00", "0.00025"), "100000.00");
    assert.equal(rateOf("10.00", "0.00003"), "333333.33");
    assert.equal(rateOf("25.00", "0"), null);
    assert.equal(rateOf("25.00", null), null);
  });

  it("assets are named as customers know them", () => {
    assert.equal(assetOf("UST-TRX"), "USDt");
    assert.equal(assetOf("EUT-ETH"), "EURt");
    assert.equal(assetOf("LNX"), "BTC");
  });
});

describe("the status the page reads", () => {
  it("carries the fiat value of what is still due, worked out exactly on the server", async () => {
    const { publicStatus } = await import("@/lib/checkouts/public-view");
    const base = {
      id: "co_x",
      state: "underpaid" as const,
      final: false,
      amount: "25.00",
      currency: "USD",
      expiresAt: "",
      serverTime: "",
    };
    assert.equal(
      publicStatus({ ...base, payment: summary({ amountPaid: "0.0001", amountRemaining: "0.00015" }) }).payment!
        .fiatRemaining,
      "15.00",
    );
    assert.equal(publicStatus({ ...base, payment: null }).payment, null);
  });
});
