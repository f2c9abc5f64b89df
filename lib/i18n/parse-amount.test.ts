import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normalizeAmount } from "./parse-amount";

describe("amounts as customers type them", () => {
  it("a comma locale: decimal comma, dot grouping, and a dot typed out of habit", () => {
    assert.equal(normalizeAmount("7,50", "de"), "7.50");
    assert.equal(normalizeAmount("1.234,5", "de"), "1234.5");
    assert.equal(normalizeAmount("1.234", "de"), "1234");
    assert.equal(normalizeAmount("7.50", "de"), "7.50");
    assert.equal(normalizeAmount(" 12 345,00 ", "fr"), "12345.00");
    assert.equal(normalizeAmount("7,5", "pt"), "7.5");
  });

  it("a dot locale: decimal dot and comma grouping; a lone decimal comma stays for the server to refuse (ambiguous there)", () => {
    assert.equal(normalizeAmount("7.50", "en"), "7.50");
    assert.equal(normalizeAmount("1,234.50", "en"), "1234.50");
    assert.equal(normalizeAmount("1,234", "en"), "1234");
    assert.equal(normalizeAmount("7,50", "en"), "7,50");
    assert.equal(normalizeAmount("25", "ja"), "25");
  });

  it("what cannot be read with confidence is left for the server to refuse", () => {
    assert.equal(normalizeAmount("1,2,3", "en"), "1,2,3");
    assert.equal(normalizeAmount("1e2", "de"), "1e2");
    assert.equal(normalizeAmount("-5", "en"), "-5");
    assert.equal(normalizeAmount("abc", "fr"), "abc");
  });
});
