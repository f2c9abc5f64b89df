import assert from "node:assert/strict";
import { test } from "node:test";
import { completeInputSchema } from "./checkout-actions";

test("complete: a deposit id is a JSON number or digits from the form, never another type", () => {
  assert.deepEqual(completeInputSchema.parse({ payCurrency: "BTC", depositId: 123 }), {
    payCurrency: "BTC",
    depositId: 123,
  });
  assert.deepEqual(completeInputSchema.parse({ payCurrency: "BTC", depositId: " 456 " }), {
    payCurrency: "BTC",
    depositId: 456,
  });
  assert.equal(
    completeInputSchema.parse({ payCurrency: "BTC", depositId: "", ledgerId: 7 }).depositId,
    undefined,
    "a blank form field is left out",
  );
  for (const depositId of [
    true,
    false,
    [],
    [1],
    {},
    null,
    "1e3",
    "0x10",
    "one",
    -5,
    0,
    1.5,
    2 ** 60,
    "12345678901234567",
  ]) {
    const result = completeInputSchema.safeParse({ payCurrency: "BTC", depositId });
    assert.equal(result.success, false, JSON.stringify(depositId));
    assert.deepEqual(result.error!.issues[0]!.path, ["depositId"], JSON.stringify(depositId));
  }
  assert.equal(completeInputSchema.safeParse({ payCurrency: "BTC" }).success, false, "one of the two ids is required");
});
