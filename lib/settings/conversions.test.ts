import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { conversionInputSchema, conversionRefused, describeConversion } from "./conversions";

describe("conversion rules in words", () => {
  it("says what a rule does, naming every network when the asset has several", () => {
    assert.equal(
      describeConversion({ baseCcy: "UST", convertCcy: "USD" }),
      "Every USDt payment (on any network) is converted to US dollars when it arrives in your Bitfinex account.",
    );
    assert.equal(
      describeConversion({ baseCcy: "LTC", convertCcy: "EUR" }),
      "Every litecoin payment is converted to euros when it arrives in your Bitfinex account.",
    );
  });

  it("refuses unknown symbols and a rule into the same currency, naming the field", () => {
    assert.equal(conversionInputSchema.safeParse({ baseCcy: "UST", convertCcy: "USD" }).success, true);
    const same = conversionInputSchema.safeParse({ baseCcy: "BTC", convertCcy: "BTC" });
    assert.equal(same.success, false);
    assert.deepEqual(same.error!.issues[0]!.path, ["convertCcy"]);
    assert.equal(conversionInputSchema.safeParse({ baseCcy: "XRP", convertCcy: "USD" }).success, false);
    assert.equal(conversionInputSchema.safeParse({ baseCcy: "UST", convertCcy: "USD", extra: 1 }).success, false);
  });

  it("Bitfinex's refusals become sentences", () => {
    assert.match(
      conversionRefused("ERR_CREATE_CONVERSION: ERR_PAY_BASE_CCY_ALREADY_CONVERTED"),
      /remove that rule first/,
    );
    assert.equal(conversionRefused(null), "Bitfinex did not accept this rule.");
  });
});
