/** Merchant API keys: stored hashed, shown once, refused once revoked; the environment key works too. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { openDatabase, type DbHandle } from "../db/connect";
import { apiKeys } from "../db/schema";
import { ApiError } from "../errors/api-error";
import { sql } from "drizzle-orm";
import { API_KEY_SCOPES, DEFAULT_KEY_SCOPES, parseScopeList } from "../api-scopes";
import { authenticateMerchant, createApiKey, describeCurrentKey, listApiKeys, revokeApiKey } from "./api-keys";

const ENV_KEY_VALUE = "env-key-for-automation-0123456789";
const ENV_KEY = { key: ENV_KEY_VALUE, scopes: ["checkouts:read"] as const };
const withKey = (value: string) =>
  new Request("http://x/api/v1/checkouts", { headers: { authorization: `Bearer ${value}` } });

async function refused(db: DbHandle["db"], request: Request, envKey: typeof ENV_KEY | null = ENV_KEY) {
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
    const made = await createApiKey(handle.db, "shop backend", DEFAULT_KEY_SCOPES);
    assert.match(made.key, /^sk_[a-z2-7]{32}$/);
    const rows = await handle.db.select().from(apiKeys);
    assert.equal(rows.length, 1);
    assert.ok(!JSON.stringify(rows).includes(made.key), "the key itself is not stored");
    assert.deepEqual(await authenticateMerchant(handle.db, ENV_KEY, withKey(made.key)), {
      keyId: made.id,
      scopes: ["checkouts:read", "checkouts:write"],
      legacy: false,
    });
    const listed = await listApiKeys(handle.db);
    assert.equal(listed[0]!.prefix, made.key.slice(0, 7));
    assert.ok(listed[0]!.lastUsedAt, "last use is recorded");
  });

  it("refuses a revoked key, an unknown key, a missing or malformed header", async () => {
    const made = await createApiKey(handle.db, "old", ["refunds:write"]);
    assert.equal(await revokeApiKey(handle.db, made.id), true);
    assert.equal(await revokeApiKey(handle.db, made.id), false, "revoking twice changes nothing");
    await refused(handle.db, withKey(made.key));
    await refused(handle.db, withKey("sk_unknown"));
    await refused(handle.db, new Request("http://x/"));
    await refused(handle.db, new Request("http://x/", { headers: { authorization: `Basic ${ENV_KEY}` } }));
    await refused(handle.db, new Request("http://x/", { headers: { authorization: `Bearer ${"k".repeat(300)}` } }));
  });

  it("accepts MERCHANT_API_KEY, and nothing when it is unset", async () => {
    assert.deepEqual(await authenticateMerchant(handle.db, ENV_KEY, withKey(ENV_KEY_VALUE)), {
      keyId: "env",
      scopes: ["checkouts:read"],
      legacy: false,
    });
    await refused(handle.db, withKey(ENV_KEY_VALUE), null);
    await refused(handle.db, withKey(ENV_KEY_VALUE.slice(0, -1)));
  });

  it("keeps the scopes chosen at creation, in one order, and says so for the key asking", async () => {
    const made = await createApiKey(handle.db, "hooks", ["webhooks:admin", "checkouts:read", "webhooks:admin"]);
    assert.deepEqual(made.scopes, ["checkouts:read", "webhooks:admin"]);
    const principal = await authenticateMerchant(handle.db, null, withKey(made.key));
    assert.deepEqual(principal.scopes, ["checkouts:read", "webhooks:admin"]);
    const current = await describeCurrentKey(handle.db, principal);
    assert.equal(current.name, "hooks");
    assert.equal(current.prefix, made.key.slice(0, 7));
    assert.equal(current.legacy, false);
    await assert.rejects(createApiKey(handle.db, "none", []), /at least one scope/);
  });

  it("a key made before scopes (scopes null after the upgrade) keeps every scope and is shown as such", async () => {
    const made = await createApiKey(handle.db, "from last year", DEFAULT_KEY_SCOPES);
    // What the migration leaves for a key that existed before it: the new column empty.
    await handle.db.execute(sql`update api_keys set scopes = null where id = ${made.id}`);
    const principal = await authenticateMerchant(handle.db, null, withKey(made.key));
    assert.deepEqual(principal, { keyId: made.id, scopes: [...API_KEY_SCOPES], legacy: true });
    const listed = (await listApiKeys(handle.db)).find((k) => k.id === made.id)!;
    assert.equal(listed.legacy, true);
  });

  it("MERCHANT_API_KEY_SCOPES: all, or names it knows", () => {
    assert.deepEqual(parseScopeList("all"), { scopes: [...API_KEY_SCOPES] });
    assert.deepEqual(parseScopeList(" refunds:write , checkouts:read "), {
      scopes: ["checkouts:read", "refunds:write"],
    });
    assert.match((parseScopeList("checkouts:*") as { problem: string }).problem, /unknown scope "checkouts:\*"/);
    assert.match((parseScopeList(" , ") as { problem: string }).problem, /at least one/);
  });
});
