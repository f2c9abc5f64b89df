import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RateLimit } from "../limits/rate-limit";
import { FRESH_LIMIT, freshProbeAllowed } from "./health-fresh";

const memory = async () => ({ kind: "memory" as const });

describe("GET /api/health?fresh is limited in live mode", () => {
  it("at most FRESH_LIMIT.points forced probes a minute for everybody, then the report as it stands", async () => {
    const limit = RateLimit.create({ kind: "memory" }, { ...FRESH_LIMIT, name: "fresh-test-1" });
    const answers = [];
    for (let i = 0; i < 50; i++) answers.push(await freshProbeAllowed("live", 60_000, memory, limit));
    assert.equal(answers.filter((a) => a.allowed).length, FRESH_LIMIT.points);
    const refused = answers.at(-1)!;
    assert.equal(refused.allowed, false);
    assert.ok(!refused.allowed && refused.retryAfterSeconds >= 1 && refused.retryAfterSeconds <= 60);
  });

  it("never while the last probe is under 5 s old, and that costs nothing from the minute's budget", async () => {
    const limit = RateLimit.create({ kind: "memory" }, { ...FRESH_LIMIT, name: "fresh-test-2" });
    for (let i = 0; i < 20; i++)
      assert.deepEqual(await freshProbeAllowed("live", 1_000, memory, limit), { allowed: false, retryAfterSeconds: 4 });
    assert.equal(await (await limit).count("all"), 0);
  });

  it("the sandbox (ours) is not limited", async () => {
    const limit = RateLimit.create({ kind: "memory" }, { ...FRESH_LIMIT, name: "fresh-test-3" });
    for (let i = 0; i < 20; i++) assert.equal((await freshProbeAllowed("sandbox", 0, memory, limit)).allowed, true);
  });
});
