/**
 * Request-shape contract: every body the client sends to the Pay merchant calls is held to the
 * parameters Bitfinex's own SDK documents for that path (bfx-api-node-rest 6.0.0, copied verbatim
 * into test/fixtures/bitfinex/sdk-v6-rest2-pay-merchant.js.txt). A field the SDK does not name, a
 * required field left out, or a call sent to a path the SDK does not have fails here.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { addConversion, listConversions, removeConversion } from "./pay/conversions";
import { listPayInvoiceEvents } from "./pay/events";
import { getDailyLimit, listCurrencyLimits, listPublicCurrencyLimits } from "./pay/limits";
import { markPayInvoiceRefunded, refundPayInvoice } from "./pay/refunds";
import { getMerchantSetting, listMerchantSettings, setMerchantSetting, setMerchantSettings } from "./pay/settings";
import { updatePayInvoice } from "./pay/update";
import type { BitfinexTransport } from "./transport";

interface DocumentedCall {
  method: string;
  path: string;
  kind: "auth" | "public" | "publicPost";
  /** Dotted names after `params.`, e.g. "address.payment_id", "settings[].key". */
  params: Map<string, { optional: boolean }>;
}

/** Reads each JSDoc block and the method under it out of the SDK's verbatim source. */
function documentedCalls(): Map<string, DocumentedCall> {
  const text = readFileSync(join(process.cwd(), "test/fixtures/bitfinex/sdk-v6-rest2-pay-merchant.js.txt"), "utf8");
  const calls = new Map<string, DocumentedCall>();
  const block =
    /\/\*\*([\s\S]*?)\*\/\s*\n\s*(\w+)\s*\([^)]*\)\s*\{\s*\n\s*return this\.(_makeAuthRequest|_makePublicRequest|_makePublicPostRequest)\('([^']+)'/g;
  for (const [, doc, method, maker, path] of text.matchAll(block)) {
    const params = new Map<string, { optional: boolean }>();
    for (const [, name] of doc!.matchAll(/@param\s+\{[^}]*\}\s+(\[?params\.[\w.[\]]+\]?)/g)) {
      const optional = name!.startsWith("[");
      params.set(name!.replace(/^\[|\]$/g, "").replace(/^params\./, ""), { optional });
    }
    const kind = maker === "_makeAuthRequest" ? "auth" : maker === "_makePublicRequest" ? "public" : "publicPost";
    calls.set(`v2${path}`, { method: method!, path: `v2${path}`, kind, params });
  }
  return calls;
}

/**
 * Dotted leaf paths of a body: {address: {address: "x"}} → ["address.address"]; an array of objects
 * as "settings[].key" (the SDK's own notation); an array of scalars is one leaf (`{string[]} keys`).
 */
function leaves(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) {
    const inner = value.filter((v) => v && typeof v === "object").flatMap((v) => leaves(v, `${prefix}[]`));
    return inner.length ? [...new Set(inner)] : [prefix];
  }
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
  return [prefix];
}

/**
 * Parameters the JSDoc writes without brackets but that are optional by their own description:
 * a tag/memo exists only on chains that use one; a private note is an extra.
 */
const OPTIONAL_IN_PRACTICE = new Set(["address.payment_id", "privateNote"]);

function recording(answer: unknown) {
  const sent: Array<{ path: string; body: unknown; kind: string }> = [];
  const t = {
    authPost: async (path: string, body: unknown) => (sent.push({ path, body, kind: "auth" }), answer),
    publicGet: async (path: string) => (sent.push({ path, body: undefined, kind: "public" }), answer),
    publicPost: async (path: string, body: unknown, opts: { onRestHost?: boolean } = {}) => (
      sent.push({ path, body, kind: opts.onRestHost ? "publicPost" : "publicPostPub" }),
      answer
    ),
  } as unknown as BitfinexTransport;
  return { t, sent };
}

const DOCS = documentedCalls();

function holdsToDocs(sent: { path: string; body: unknown; kind: string }) {
  const doc = DOCS.get(sent.path);
  assert.ok(doc, `${sent.path} is not a call the SDK documents`);
  if (doc.kind === "public") {
    assert.equal(sent.kind, "public", `${sent.path}: the SDK sends it as a public GET`);
    return;
  }
  // The SDK posts currency/detailed unsigned to api.bitfinex.com (_makePublicPostRequest): we send it so.
  assert.equal(sent.kind, doc.kind, `${sent.path}: sent as the SDK sends it (${doc.kind})`);
  const names = [...doc.params.keys()];
  for (const leaf of leaves(sent.body).filter(Boolean)) {
    // A leaf is documented itself, or is inside a documented object without documented children.
    const ok =
      names.includes(leaf) || names.some((n) => leaf.startsWith(`${n}.`) && !names.some((m) => m.startsWith(`${n}.`)));
    assert.ok(ok, `${sent.path}: "${leaf}" is not among the SDK's parameters (${names.join(", ") || "none"})`);
  }
  const present = leaves(sent.body);
  for (const [name, { optional }] of doc.params) {
    const parentOptional = [...doc.params].some(([n, p]) => p.optional && name.startsWith(`${n}.`));
    if (optional || parentOptional || OPTIONAL_IN_PRACTICE.has(name)) continue;
    // Only leaves are checked: "fields" is satisfied by "fields.customerInfo.tosAccepted".
    if (names.some((n) => n.startsWith(`${name}.`) || n.startsWith(`${name}[]`))) continue;
    assert.ok(present.includes(name), `${sent.path}: the SDK requires "${name}"; we sent ${JSON.stringify(sent.body)}`);
  }
}

describe("requests to the Pay merchant calls, held to the SDK's documented parameters", () => {
  it("the fixture is read: each new call has its documented path", () => {
    for (const path of [
      "v2/auth/w/ext/pay/invoice/refund",
      "v2/auth/w/ext/pay/invoice/mark/refunded",
      "v2/auth/w/ext/pay/invoice/update",
      "v2/auth/r/ext/pay/invoice/events",
      "v2/auth/r/ext/pay/settings/daily/limit",
      "v2/ext/pay/invoice/currency/detailed",
      "v2/auth/r/ext/pay/currency/detailed",
      "v2/auth/r/ext/pay/settings/convert/list",
      "v2/auth/w/ext/pay/settings/convert/create",
      "v2/auth/w/ext/pay/settings/convert/remove",
      "v2/auth/w/ext/pay/settings/set",
      "v2/auth/w/ext/pay/settings/set/batch",
      "v2/auth/r/ext/pay/settings/get",
      "v2/auth/r/ext/pay/settings/list",
    ])
      assert.ok(DOCS.has(path), path);
    assert.deepEqual(
      [...DOCS.get("v2/auth/w/ext/pay/invoice/refund")!.params.keys()],
      ["id", "ccy", "amount", "address", "address.address", "address.payment_id"],
    );
  });

  it("refund: {id, ccy, amount, address: {address, payment_id?}}, the amount a decimal string", async () => {
    // The answer (not recognised, so "unknown") does not matter here: only what is sent.
    const { t, sent } = recording({ id: "r1" });
    await refundPayInvoice(t, { id: "inv", ccy: "BTC", amount: "0.00001", address: "bcrt1qxyz" }).catch(() => null);
    await refundPayInvoice(t, {
      id: "inv",
      ccy: "UST",
      amount: "1.5",
      address: "TXYZ",
      paymentId: "memo-7",
    }).catch(() => null);
    for (const s of sent) holdsToDocs(s);
    assert.deepEqual(sent[0]!.body, { id: "inv", ccy: "BTC", amount: "0.00001", address: { address: "bcrt1qxyz" } });
    assert.equal(typeof (sent[1]!.body as { amount: unknown }).amount, "string");
    assert.deepEqual((sent[1]!.body as { address: unknown }).address, { address: "TXYZ", payment_id: "memo-7" });
  });

  it("mark refunded: {id, refundId}", async () => {
    const { t, sent } = recording(true);
    await markPayInvoiceRefunded(t, { id: "inv", refundId: "r1" });
    holdsToDocs(sent[0]!);
    assert.deepEqual(sent[0]!.body, { id: "inv", refundId: "r1" });
  });

  it("update: {id, fields: {customerInfo: {tosAccepted}}, privateNote?}", async () => {
    const { t, sent } = recording({});
    await updatePayInvoice(t, { id: "inv", tosAccepted: true });
    await updatePayInvoice(t, { id: "inv", tosAccepted: true, privateNote: "n" });
    for (const s of sent) holdsToDocs(s);
    assert.deepEqual(sent[0]!.body, { id: "inv", fields: { customerInfo: { tosAccepted: true } } });
  });

  it("events: {id}", async () => {
    const { t, sent } = recording([]);
    await listPayInvoiceEvents(t, "inv");
    holdsToDocs(sent[0]!);
  });

  it("daily limit: {customerEmails?}; currency details: public GET and signed POST", async () => {
    const { t, sent } = recording({ ecommerceLimit: 1000, posLimit: null, posUsage: null });
    await getDailyLimit(t);
    await getDailyLimit(t, { customerEmails: ["a@example.com"] });
    const list = recording([]);
    await listPublicCurrencyLimits(list.t);
    await listCurrencyLimits(list.t);
    for (const s of [...sent, ...list.sent]) holdsToDocs(s);
    assert.deepEqual(sent[1]!.body, { customerEmails: ["a@example.com"] });
  });

  it("conversions: list {}, create and remove {baseCcy, convertCcy}", async () => {
    const { t, sent } = recording(true);
    await addConversion(t, { baseCcy: "UST-ETH", convertCcy: "USD" });
    await removeConversion(t, { baseCcy: "UST", convertCcy: "USD" });
    const list = recording([]);
    await listConversions(list.t);
    for (const s of [...sent, ...list.sent]) holdsToDocs(s);
    assert.deepEqual(list.sent[0]!.body, {});
  });

  it("settings: set {key, value}, batch {settings: [{key, value}]}, get {key}, list {keys}", async () => {
    const { t, sent } = recording(true);
    await setMerchantSetting(t, "bfx_pay_preferred_fiat", "USD");
    await setMerchantSettings(t, [{ key: "bfx_pay_preferred_fiat", value: "EUR" }]);
    const read = recording([]);
    await getMerchantSetting(recording("USD").t, "bfx_pay_preferred_fiat");
    await listMerchantSettings(read.t, []);
    for (const s of [...sent, ...read.sent]) holdsToDocs(s);
  });

  it("a body with a field the SDK does not name is caught (the check itself can fail)", () => {
    assert.throws(
      () =>
        holdsToDocs({
          path: "v2/auth/w/ext/pay/invoice/refund",
          kind: "auth",
          body: { id: "i", ccy: "BTC", amount: "1", address: { address: "a" }, currency: "BTC" },
        }),
      /"currency" is not among/,
    );
    assert.throws(
      () =>
        holdsToDocs({
          path: "v2/auth/w/ext/pay/invoice/refund",
          kind: "auth",
          body: { id: "i", ccy: "BTC", address: { address: "a" } },
        }),
      /requires "amount"/,
    );
    assert.throws(
      () => holdsToDocs({ path: "v2/auth/w/ext/pay/invoice/refunds", kind: "auth", body: {} }),
      /not a call the SDK documents/,
    );
  });
});
