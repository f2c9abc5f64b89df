/**
 * Every locale says everything English says, as valid ICU messages with the same arguments
 * (formatted through next-intl, as the pages do); negotiation picks sensibly; formats are exact.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
// next-intl's own core (next-intl re-exports it; its main entry needs a React client build, and unit tests run as the server does).
import { createTranslator } from "use-intl/core";
import { formatDuration, formatFiat } from "./format";
import { LOCALES, negotiateLocale } from "./locales";
import { CATALOGS, type MessageKey } from "./messages";

const en = CATALOGS.en;

/** The arguments a message takes: `{name}`, `{name, plural, …}`, `{name, number}`. */
const argumentsOf = (s: string) => [...new Set([...s.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]))].sort();
const SAMPLE = {
  merchant: "Shop",
  orderId: "A-1",
  minutes: 3,
  seconds: 5,
  confirmations: 1,
  required: 2,
  digits: 2,
} as Record<string, string | number>;

describe("message catalogs", () => {
  for (const locale of LOCALES) {
    it(`${locale} has every key, each a valid message with English's arguments`, () => {
      const catalog = CATALOGS[locale];
      assert.deepEqual(Object.keys(catalog).sort(), Object.keys(en).sort());
      const t = createTranslator({ locale, messages: catalog });
      for (const [key, text] of Object.entries(en)) {
        const translated = catalog[key as MessageKey];
        assert.deepEqual(argumentsOf(translated), argumentsOf(text), `${locale}.${key}`);
        const values = Object.fromEntries(argumentsOf(text).map((a) => [a!, SAMPLE[a!] ?? "x"]));
        const out = t(key as MessageKey, values);
        assert.ok(out.trim().length > 0 && !out.includes("{"), `${locale}.${key} formats to "${out}"`);
      }
    });
  }

  it("plurals follow each language's rules", () => {
    const t = (locale: (typeof LOCALES)[number]) => createTranslator({ locale, messages: CATALOGS[locale] });
    assert.equal(t("en")("minutesLeft", { minutes: 1 }), "1 minute left to pay");
    assert.equal(t("en")("minutesLeft", { minutes: 3 }), "3 minutes left to pay");
    assert.equal(t("de")("minutesLeft", { minutes: 1 }), "Noch 1 Minute zum Bezahlen");
    assert.equal(t("en")("detected", { confirmations: 0, required: 1 }), "Payment detected: 0 of 1 confirmation");
    assert.equal(t("en")("amountTooPrecise", { digits: 0 }), "The amount must be a whole number.");
    assert.equal(t("ar")("minutesLeft", { minutes: 2 }), "تبقّت دقيقتان للدفع");
  });
});

describe("locale negotiation", () => {
  it("prefers an explicit choice, then Accept-Language by weight, then English", () => {
    assert.equal(negotiateLocale("ja", "de-DE,de;q=0.9"), "ja");
    assert.equal(negotiateLocale(null, "fr-CH, fr;q=0.9, en;q=0.8"), "fr");
    assert.equal(negotiateLocale(null, "nl;q=0.9, pt-BR;q=0.8, en;q=0.1"), "pt");
    assert.equal(negotiateLocale("xx", "ar"), "ar");
    assert.equal(negotiateLocale(undefined, "sv, nl"), "en");
    assert.equal(negotiateLocale(undefined, "de;q=0, es"), "es");
    assert.equal(negotiateLocale(undefined, "zh-Hant-TW;q=0.5, ja;q=0.4"), "zh");
  });

  it("survives a hostile or broken header: English, never an error", () => {
    for (const header of ["*", "", ";;;", "en-", "x".repeat(5000), "<script>, ar", "de;q=abc", "12-34, fr;q=0.5"]) {
      const locale = negotiateLocale(undefined, header);
      assert.ok(LOCALES.includes(locale), `${JSON.stringify(header.slice(0, 20))} -> ${locale}`);
    }
    assert.equal(negotiateLocale(undefined, "<script>, ar"), "ar");
    assert.equal(negotiateLocale(undefined, "12-34, fr;q=0.5"), "fr");
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
});
