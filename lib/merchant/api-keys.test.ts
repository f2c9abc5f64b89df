/** Merchant API keys: stored hashed, shown once, refused once revoked; the environment key works too. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { openDatabase, type DbHandle } from "../db/connect";
import { apiKeys } from "../db/schema";
import { ApiError } from "../errors/api-error";
import { authenticateMerchant, createApiKey, listApiKeys, revokeApiKey } from "./api-keys";

const ENV_KEY = "env-key-for-automation-0123456789";
const withKey = (value: string) =>
  new Request("http://x/api/v1/checkouts", { headers: { authorization: `Bearer ${value}` } });

async function refused(db: DbHandle["db"], request: Request, envKey: string | null = ENV_KEY) {
  await assert.rejects(
    authenticateMerchant(db, envKey, request),
    (e: unknown) => e instanceof ApiError && e.status === 401 && e.field === "Authorization",
  );
}

describe("merchant API keys", () => {
  let handle: DbHandle;
  before(async () => {
    handle = await openDatabase({ memory: true });
  });
  after(async () => {
    await handle.close();
  });

  it("stores only a hash of a created key, and accepts the key", async () => {
    const made = await createApiKey(handle.db, "shop backend");
    assert.match(made.key, /^sk_[a-z2-7]{32}$/);
    const rows = await handle.db.select().from(apiKeys);
    assert.equal(rows.length, 1);
    assert.ok(!JSON.stringify(rows).includes(made.key), "the key itself is not stored");
    assert.deepEqual(await authenticateMerchant(handle.db, ENV_KEY, withKey(made.key)), { keyId: made.id });
    const listed = await listApiKeys(handle.db);
    assert.equal(listed[0]!.prefix, made.key.slice(0, 7));
    assert.ok(listed[0]!.lastUsedAt, "last use is recorded");
  });

  it("refuses a revoked key, an unknown key, a missing or malformed header", async () => {
    const made = await createApiKey(handle.db, "old");
    assert.equal(await revokeApiKey(handle.db, made.id), true);
    assert.equal(await revokeApiKey(handle.db, made.id), false, "revoking twice changes nothing");
    await refused(handle.db, withKey(made.key));
    await refused(handle.db, withKey("sk_unknown"));
    await refused(handle.db, new Request("http://x/"));
    await refused(handle.db, new Request("http://x/", { headers: { authorization: `Basic ${ENV_KEY}` } }));
    await refused(handle.db, new Request("http://x/", { headers: { authorization: `Bearer ${"k".repeat(300)}` } }));
  });

  it("accepts MERCHANT_API_KEY, and nothing when it is unset", async () => {
    assert.deepEqual(await authenticateMerchant(handle.db, ENV_KEY, withKey(ENV_KEY)), { keyId: "env" });
    await refused(handle.db, withKey(ENV_KEY), null);
    await refused(handle.db, withKey(ENV_KEY.slice(0, -1)));
  });
});
