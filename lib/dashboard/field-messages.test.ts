import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fieldMessage, fieldMessages } from "./field-messages";

describe("field errors in words", () => {
  it("names the field in words and ends as a sentence", () => {
    assert.equal(fieldMessage({ field: "amount", message: "is required" }).text, "Amount is required.");
    assert.equal(
      fieldMessage({ field: "orderId", message: "must be 1 to 64 characters: letters, digits and . _ : # / -" }).text,
      "Order id must be 1 to 64 characters: letters, digits and . _ : # / -.",
    );
    assert.equal(
      fieldMessage({ field: "maxAmount", message: "must not be less than minAmount" }).text,
      "Maximum amount must not be less than minimum amount.",
    );
  });

  it("says durations in minutes, as the form asks for them", () => {
    assert.equal(
      fieldMessage({ field: "defaultDurationSeconds", message: "must be at least 300" }).text,
      "Time to pay must be at least 5 minutes.",
    );
    assert.equal(
      fieldMessage({ field: "duration", message: "must be at most 86400 seconds (24 hours)" }).text,
      "Time to pay must be at most 1440 minutes (24 hours)",
    );
    assert.equal(
      fieldMessage({ field: "defaultDurationSeconds", message: "must be a whole number of seconds" }).text,
      "Time to pay must be a number of minutes.",
    );
  });

  it("a list item's error belongs to the list's field, without the developer's index", () => {
    const m = fieldMessage({ field: "defaultPayCurrencies[0]", message: "must be one of BTC, LNX, ETH" });
    assert.deepEqual(m, {
      name: "defaultPayCurrencies",
      text: "Pay currencies offered: item 1 must be chosen from the list.",
    });
    assert.equal(
      fieldMessage({
        field: "embedOrigins[1]",
        message: "must be an origin such as https://shop.example (scheme and host, no path)",
      }).text,
      "Line 2 of origins must be an origin such as https://shop.example (scheme and host, no path)",
    );
    assert.equal(
      fieldMessage({ field: "presetAmounts[2]", message: "must not be more than maxAmount" }).name,
      "presetAmounts",
    );
  });

  it("keeps the first problem of each field", () => {
    const m = fieldMessages([
      { field: "amount", message: "is required" },
      { field: "amount", message: "must be greater than zero" },
      { field: "orderId", message: "is required" },
    ]);
    assert.deepEqual(
      [...m.entries()],
      [
        ["amount", "Amount is required."],
        ["orderId", "Order id is required."],
      ],
    );
  });
});
