/**
 * Webhook settings in app_state: MERCHANT_WEBHOOK_URL until a URL is stored (a stored "none"
 * included), URL rules per mode, and a signing secret made once and replaced on rotation.
 */
import assert from "node:assert/strict";
import { describe } from "node:test";
import { dbTargets } from "../../test/support/checkout-harness";
import type { DbHandle } from "../db/connect";
import { ApiError } from "../errors/api-error";
import { getWebhookSettings, getWebhookUrl, rotateWebhookSecret, setWebhookUrl, webhookSecret } from "./settings";

for (const [dbName, openDb, { it, before, after }] of dbTargets()) {
  describe(`webhook settings on ${dbName}`, () => {
    let handle: DbHandle;
    before(async () => {
      handle = await openDb();
    });
    after(async () => {
      await handle.close();
    });

    it("the signing secret is made on first use, kept, and replaced by a rotation", async () => {
      const first = await webhookSecret(handle.db);
      assert.match(first, /^whsec_[a-z2-7]{32}$/);
      assert.equal(await webhookSecret(handle.db), first);
      // Instances asking at the same time all get the same one.
      const many = await Promise.all(Array.from({ length: 5 }, () => webhookSecret(handle.db)));
      assert.deepEqual(new Set(many), new Set([first]));
      const rotated = await rotateWebhookSecret(handle.db);
      assert.match(rotated, /^whsec_[a-z2-7]{32}$/);
      assert.notEqual(rotated, first);
      assert.equal((await getWebhookSettings(handle.db, null)).secret, rotated);
    });

    it("MERCHANT_WEBHOOK_URL applies until a URL is stored; a stored null means nowhere", async () => {
      const env = "https://shop.example/env-hook";
      assert.deepEqual(await getWebhookUrl(handle.db, null), { url: null, urlSource: "none" });
      assert.deepEqual(await getWebhookUrl(handle.db, env), { url: env, urlSource: "environment" });
      await setWebhookUrl(handle.db, "https://shop.example/hook", "live");
      assert.deepEqual(await getWebhookUrl(handle.db, env), { url: "https://shop.example/hook", urlSource: "stored" });
      await setWebhookUrl(handle.db, null, "live");
      assert.deepEqual(await getWebhookUrl(handle.db, env), { url: null, urlSource: "stored" });
    });

    it("uses MERCHANT_WEBHOOK_SECRET when set, and refuses to rotate it (409 naming the variable)", async () => {
      const envSecret = "env_secret_0123456789abcdefghijklmnop";
      const before = await webhookSecret(handle.db);
      assert.equal(await webhookSecret(handle.db, envSecret), envSecret);
      assert.equal((await getWebhookSettings(handle.db, null, envSecret)).secretSource, "environment");
      assert.equal((await getWebhookSettings(handle.db, null)).secretSource, "stored");
      await assert.rejects(
        rotateWebhookSecret(handle.db, envSecret),
        (e) =>
          e instanceof ApiError &&
          e.status === 409 &&
          e.code === "secret_from_configuration" &&
          /MERCHANT_WEBHOOK_SECRET/.test(e.message),
      );
      assert.equal(await webhookSecret(handle.db), before, "the refused rotation changed nothing");
    });

    it("refuses URLs that are not http(s), carry credentials, or (live) are not https to a public host", async () => {
      const refuse = async (url: string, mode: "live" | "sandbox", pattern: RegExp) => {
        await assert.rejects(
          setWebhookUrl(handle.db, url, mode),
          (e) => e instanceof ApiError && e.status === 422 && e.field === "url" && pattern.test(e.message),
          url,
        );
      };
      await refuse("ftp://shop.example/hook", "sandbox", /https/);
      await refuse("javascript:alert(1)", "sandbox", /https/);
      await refuse("shop.example/hook", "sandbox", /absolute URL/);
      await refuse("https://user:pw@shop.example/hook", "sandbox", /user name or password/);
      await refuse("http://shop.example/hook", "live", /https/);
      await refuse("https://localhost/hook", "live", /localhost/);
      await refuse("https://127.0.0.1/hook", "live", /public/);
      await refuse("https://192.168.0.10/hook", "live", /public/);
      await refuse(`https://shop.example/${"a".repeat(2048)}`, "live", /2048/);
      // Sandbox mode posts to a local endpoint happily (that is how you try it out).
      await setWebhookUrl(handle.db, "http://127.0.0.1:4000/hook", "sandbox");
      assert.equal((await getWebhookUrl(handle.db, null)).url, "http://127.0.0.1:4000/hook");
    });
  });
}
