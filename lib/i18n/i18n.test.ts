/** Every locale says everything English says, with the same placeholders; negotiation picks sensibly. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatDuration, formatFiat, translate } from "./format";
import { LOCALES, negotiateLocale } from "./locales";
import { CATALOGS } from "./messages";
import { en } from "./messages/en";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogs", () => {
  for (const locale of LOCALES) {
    it(`${locale} has every key, each with the same placeholders, none empty`, () => {
      const catalog = CATALOGS[locale];
      assert.deepEqual(Object.keys(catalog).sort(), Object.keys(en).sort());
      for (const [key, text] of Object.entries(en)) {
        const translated = catalog[key as keyof typeof en];
        assert.ok(translated.trim().length > 0, `${locale}.${key} is empty`);
        assert.deepEqual(placeholders(translated), placeholders(text), `${locale}.${key}`);
      }
    });
  }
});

describe("locale negotiation", () => {
  it("prefers an explicit choice, then Accept-Language by weight, then English", () => {
    assert.equal(negotiateLocale("ja", "de-DE,de;q=0.9"), "ja");
    assert.equal(negotiateLocale(null, "fr-CH, fr;q=0.9, en;q=0.8"), "fr");
    assert.equal(negotiateLocale(null, "nl;q=0.9, pt-BR;q=0.8, en;q=0.1"), "pt");
    assert.equal(negotiateLocale("xx", "ar"), "ar");
    assert.equal(negotiateLocale(undefined, "sv, nl"), "en");
    assert.equal(negotiateLocale(undefined, "de;q=0, es"), "es");
  });
});

describe("formatting", () => {
  it("formats fiat exactly from a decimal string, per locale", () => {
    assert.equal(formatFiat("12345678901234567.10", "USD", "en"), "$12,345,678,901,234,567.10");
    assert.equal(formatFiat("25.00", "EUR", "de"), "25,00\u00a0€");
    assert.equal(formatFiat("1000", "JPY", "ja"), "￥1,000");
  });
  it("shows time left as m:ss or h:mm:ss, never negative", () => {
    assert.equal(formatDuration(61_000, "en"), "1:01");
    assert.equal(formatDuration(3_600_000 + 5_000, "en"), "1:00:05");
    assert.equal(formatDuration(-5, "en"), "0:00");
  });
  it("fills placeholders and leaves unknown ones visible", () => {
    assert.equal(translate(en, "order", { orderId: "A-1" }), "Order A-1");
    assert.equal(translate(en, "order"), "Order {orderId}");
  });
});
