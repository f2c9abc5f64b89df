/**
 * The payment screen's HTML, rendered as the server sends it: what each state shows, and that
 * nothing a merchant, customer or Bitfinex supplies can become markup or script.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CATALOGS } from "@/lib/i18n/messages";
import { html, safeHref } from "./html";
import { initialModel, type ScreenModel } from "./model";
import { renderPayDocument } from "./page-document";
import { renderCard } from "./screen";
import type { CheckoutView, Payment } from "./types";

const NOW = Date.parse("2026-11-21T12:00:00Z");
const BTC: Payment = { rail: "pay", payCurrency: "BTC", assetName: "Bitcoin", networkName: "Bitcoin", amount: "0.00025", asset: "BTC", address: "bcrt1qexampleaddress", paymentRequest: null, expiresAt: null } as Payment;

function view(over: Partial<CheckoutView> = {}, status: Partial<CheckoutView["status"]> = {}): CheckoutView {
  return {
    id: "co_test",
    orderId: "A-1",
    description: "Two ceramic mugs",
    amount: "25.00",
    currency: "USD",
    type: "POS",
    needsCustomerInfo: false,
    redirectUrl: "https://shop.example/thanks?x=1",
    options: [
      { symbol: "BTC", assetName: "Bitcoin", networkName: "Bitcoin", networkMatters: false, available: true },
      { symbol: "UST-TRX", assetName: "USDt", networkName: "Tron (TRC-20)", networkMatters: true, available: false },
    ],
    unavailable: false,
    payment: null,
    status: { id: "co_test", state: "open", final: false, amount: "25.00", currency: "USD", payment: null, expiresAt: new Date(NOW + 15 * 60_000).toISOString(), serverTime: new Date(NOW).toISOString() },
    ...over,
    ...(Object.keys(status).length ? { status: { ...(over.status ?? view().status), ...status } } : {}),
  } as CheckoutView;
}

function model(v: CheckoutView, over: Partial<ScreenModel> = {}): ScreenModel {
  return { ...initialModel({ view: v, locale: "en", messages: CATALOGS.en, merchant: { name: "Shop", logoUrl: null }, canRestart: true, embed: null }), ...over };
}

const card = (m: ScreenModel) => String(renderCard(m, NOW));

describe("payment screen states", () => {
  it("open: countdown from the server's clock, every option, unavailable ones disabled, no panel yet", () => {
    const out = card(model(view()));
    assert.match(out, /Expires in 15:00/);
    assert.match(out, /value="BTC" class="[^"]*">/);
    assert.match(out, /value="UST-TRX" class="[^"]*" disabled>/);
    assert.match(out, /not available right now/);
    assert.doesNotMatch(out, /data-testid="qr"/);
  });

  it("with a payment: the chosen radio checked, a QR of the BIP21 URI, amount and address to copy", () => {
    const out = card(model(view({ payment: BTC })));
    assert.match(out, /value="BTC" class="[^"]*" checked>/);
    assert.match(out, /data-qr="bitcoin:bcrt1qexampleaddress\?amount=0\.00025"/);
    assert.match(out, /data-testid="pay-amount"[^>]*>0\.00025</);
    assert.match(out, /data-testid="pay-address"[^>]*>bcrt1qexampleaddress</);
    assert.match(out, /Copy address/);
    assert.match(out, /Waiting for your payment/);
  });

  it("underpaid: what is still due, in the QR too; the picker is gone", () => {
    const out = card(model(view({ payment: BTC }, { state: "underpaid", payment: { payCurrency: "BTC", amountDue: "0.00025", amountPaid: "0.0001", amountRemaining: "0.00015", confirmations: null, requiredConfirmations: null } })));
    assert.match(out, /0\.0001 BTC received\. Please send the remaining 0\.00015 BTC\./);
    assert.match(out, /data-qr="bitcoin:bcrt1qexampleaddress\?amount=0\.00015"/);
    assert.doesNotMatch(out, /name="payCurrency"/);
  });

  it("confirming: the confirmations, no countdown and no picker", () => {
    const out = card(model(view({ payment: BTC }, { state: "confirming", payment: { payCurrency: "BTC", amountDue: "0.00025", amountPaid: "0.00025", amountRemaining: "0", confirmations: 1, requiredConfirmations: 3 } })));
    assert.match(out, /Payment detected: 1 of 3 confirmations/);
    assert.doesNotMatch(out, /data-countdown/);
    assert.doesNotMatch(out, /name="payCurrency"/);
  });

  it("paid: the outcome, and the way back is the merchant's URL with the outcome added", () => {
    const out = card(model(view({ payment: BTC }, { state: "paid", final: true })));
    assert.match(out, /Payment received/);
    assert.match(out, /href="https:\/\/shop\.example\/thanks\?x=1&amp;checkout_id=co_test&amp;order_id=A-1&amp;status=paid"/);
    assert.match(out, /Returning to Shop in 5 s/);
  });

  it("paid in embed mode: no redirect and no return link, the merchant's page decides", () => {
    const out = card(model(view({ payment: BTC }, { state: "paid", final: true }), { embed: { origins: [] } }));
    assert.match(out, /Payment received/);
    assert.doesNotMatch(out, /Return now|Returning to|href=/);
  });

  it("expired: never the success redirect; start again only for a restartable checkout with nothing paid", () => {
    const expired = view({}, { state: "expired" });
    const out = card(model(expired));
    assert.match(out, /This payment has expired/);
    assert.match(out, /Back to the shop/);
    assert.match(out, /status=expired/);
    assert.match(out, /data-action="restart"/);
    assert.doesNotMatch(card(model(expired, { canRestart: false })), /data-action="restart"/);
  });

  it("nothing payable: says so instead of offering dead options", () => {
    assert.match(card(model(view({ unavailable: true }))), /role="alert"><h2[^>]*>Payment is not available right now/);
  });
});

describe("nothing supplied from outside becomes markup", () => {
  const hostile = `"><script>alert(1)</script><img src=x onerror=alert(2)>`;

  it("a merchant's description and order id, a customer-facing name, are escaped everywhere", () => {
    const v = view({ description: hostile, orderId: hostile, payment: { ...BTC, address: hostile } });
    const page = renderPayDocument(model(v, { merchant: { name: hostile, logoUrl: null } }), { title: hostile, brand: { color: "#16b157", text: "#000000" }, sandbox: true, now: NOW });
    assert.doesNotMatch(page, /<script>alert|<img src=x/);
    assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    // The JSON for the browser cannot close its <script> element either.
    const data = /<script type="application\/json" id="checkout-data">([\s\S]*?)<\/script>/.exec(page)![1]!;
    assert.doesNotMatch(data, /</);
    assert.equal(JSON.parse(data).view.description, hostile);
  });

  it("only wallet schemes, http(s) and our own paths can be links", () => {
    assert.equal(safeHref("javascript:alert(1)"), "#");
    assert.equal(safeHref("JAVASCRIPT:alert(1)"), "#");
    assert.equal(safeHref("data:text/html,x"), "#");
    assert.equal(safeHref("//evil.example/"), "#");
    assert.equal(safeHref("bitcoin:bc1q?amount=1"), "bitcoin:bc1q?amount=1");
    assert.equal(safeHref("https://shop.example/"), "https://shop.example/");
    assert.equal(safeHref("/pay/co_x"), "/pay/co_x");
  });

  it("the html tag escapes values, joins arrays, drops null and false, and nests", () => {
    assert.equal(String(html`<p title="${`a"b`}">${["<x>", html`<b>${"&"}</b>`, null, false]}</p>`), `<p title="a&quot;b">&lt;x&gt;<b>&amp;</b></p>`);
  });
});
