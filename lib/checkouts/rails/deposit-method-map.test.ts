// Bitfinex's method map is read once for hours, completed by the built-in table, and a failure
// to read it never fails a payment reading: the built-in table stands in until a retry works.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DepositMethodMap } from "./deposit-method-map";

describe("DepositMethodMap", () => {
  it("reads Bitfinex's map once for six hours, keeping built-in methods it lacks", async () => {
    let now = 0;
    let fetches = 0;
    const map = new DepositMethodMap(
      async () => (fetches++, new Map([["NEWCHAIN", ["UST"]]])),
      () => now,
      () => {},
    );
    const first = await map.get();
    assert.deepEqual(first.get("NEWCHAIN"), ["UST"]);
    assert.deepEqual(first.get("BITCOIN"), ["BTC"], "the built-in table fills the gaps");
    assert.equal(map.live, true);
    now += 5 * 3600_000;
    await map.get();
    assert.equal(fetches, 1);
    now += 3600_000;
    await map.get();
    assert.equal(fetches, 2);
  });

  it("falls back to the built-in table when Bitfinex does not answer, and asks again 10 minutes later", async () => {
    let now = 0;
    let fail = true;
    const logs: string[] = [];
    const map = new DepositMethodMap(
      async () => {
        if (fail) throw new Error("HTTP 404");
        return new Map([["TETHERUSX", ["UST"]]]);
      },
      () => now,
      (l) => logs.push(l),
    );
    assert.deepEqual((await map.get()).get("TETHERUSX"), ["UST"]);
    assert.equal(map.live, false);
    assert.match(logs[0]!, /built-in table \(HTTP 404\)/);
    fail = false;
    now += 5 * 60_000;
    await map.get();
    assert.equal(map.live, false, "not asked again before 10 minutes");
    now += 5 * 60_000;
    await map.get();
    assert.equal(map.live, true);
  });
});
