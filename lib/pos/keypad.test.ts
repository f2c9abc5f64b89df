import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { amountOf, isChargeable, keyFromKeyboard, pressKey, type KeypadKey } from "./keypad";

const type = (keys: string, decimals = 2, from = "") =>
  [...keys].reduce((entry, k) => pressKey(entry, (k === "<" ? "backspace" : k) as KeypadKey, decimals), from);

describe("POS keypad", () => {
  it("builds the amount as typed, without floats: 0.1 + 0.2 style sums never happen", () => {
    assert.equal(type("12.5"), "12.5");
    assert.equal(amountOf(type("12.5"), 2), "12.50");
    assert.equal(amountOf(type("0.1"), 2), "0.10");
    assert.equal(amountOf(type("999999.99"), 2), "999999.99");
    assert.equal(amountOf("12.", 2), "12.00");
    assert.equal(amountOf("", 2), null);
  });

  it("respects the currency's decimals: a third decimal (or any, for JPY) is ignored", () => {
    assert.equal(type("1.234"), "1.23");
    assert.equal(type("1.5.5"), "1.55", "a second point is ignored");
    assert.equal(type("15.5", 0), "155", "JPY: the point key does nothing");
    assert.equal(amountOf(type("1500", 0), 0), "1500");
  });

  it("no leading zeros; a point first means 0.", () => {
    assert.equal(type("0005"), "5");
    assert.equal(type(".5"), "0.5");
    assert.equal(type("0.05"), "0.05");
    assert.equal(type("00"), "0");
  });

  it("refuses keys that would go past the ceiling (1000000)", () => {
    assert.equal(type("1000000"), "1000000");
    assert.equal(type("10000000"), "1000000");
    assert.equal(type("1000000.01"), "1000000.0", "1000000.01 is over; the last key is ignored");
    assert.equal(type("9999999"), "999999");
  });

  it("backspace and clear", () => {
    assert.equal(type("12.5<"), "12.");
    assert.equal(type("12.5<<<<<"), "");
    assert.equal(pressKey("12.5", "clear", 2), "");
  });

  it("is chargeable only above zero", () => {
    assert.equal(isChargeable("", 2), false);
    assert.equal(isChargeable("0.", 2), false);
    assert.equal(isChargeable("0.00", 2), false);
    assert.equal(isChargeable("0.01", 2), true);
  });

  it("maps the keyboard: digits, . and , as the point, Backspace, Escape/Delete to clear, nothing else", () => {
    assert.equal(keyFromKeyboard("7"), "7");
    assert.equal(keyFromKeyboard(","), ".");
    assert.equal(keyFromKeyboard("Backspace"), "backspace");
    assert.equal(keyFromKeyboard("Escape"), "clear");
    assert.equal(keyFromKeyboard("e"), null);
    assert.equal(keyFromKeyboard("-"), null);
    assert.equal(keyFromKeyboard("Enter"), null, "Enter charges; the terminal handles it");
  });
});
