import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ConfigError, parseConfig } from "./env";
import { API_KEY_SCOPES } from "./api-scopes";

/** Runs parseConfig expecting a ConfigError and returns it. */
function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    parseConfig(env);
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected ConfigError, got ${String(e)}`);
    return e;
  }
  assert.fail("expected parseConfig to throw");
}

describe("parseConfig", () => {
  it("an empty environment runs in sandbox mode against the built-in Bitfinex on port 3000", () => {
    const config = parseConfig({});
    assert.equal(config.mode, "sandbox");
    assert.equal(config.port, 3000);
    assert.equal(config.appUrl, "http://localhost:3000");
    assert.equal(config.bitfinex.restUrl, "http://127.0.0.1:3000/sandbox/bitfinex");
    assert.equal(config.bitfinex.publicUrl, "http://127.0.0.1:3000/sandbox/bitfinex");
    // Sandbox requests are signed with the sandbox's own credentials.
    assert.equal(config.bitfinex.apiKey, config.sandbox.apiKey);
    assert.equal(config.bitfinex.apiSecret, config.sandbox.apiSecret);
    assert.ok(config.bitfinex.apiKey.length > 0 && config.bitfinex.apiSecret.length > 0);
  });

  it("PORT changes both the app URL and the sandbox base", () => {
    const config = parseConfig({ PORT: "4000" });
    assert.equal(config.port, 4000);
    assert.equal(config.appUrl, "http://localhost:4000");
    assert.equal(config.bitfinex.restUrl, "http://127.0.0.1:4000/sandbox/bitfinex");
    assert.equal(config.bitfinex.publicUrl, "http://127.0.0.1:4000/sandbox/bitfinex");
  });

  it("rejects a PORT that is not a port", () => {
    for (const PORT of ["abc", "0", "70000", "3000.5"]) {
      assert.match(configError({ PORT }).message, /PORT/, PORT);
    }
  });

  it("a key without its secret is an error naming BFX_API_SECRET", () => {
    const err = configError({ BFX_API_KEY: "live-key" });
    assert.match(err.message, /BFX_API_SECRET/);
    assert.ok(err.problems.some((p) => p.includes("BFX_API_SECRET")));
  });

  it("a secret without its key is an error naming BFX_API_KEY", () => {
    const err = configError({ BFX_API_SECRET: "live-secret" });
    assert.match(err.message, /BFX_API_KEY/);
    assert.doesNotMatch(err.message, /live-secret/, "the secret must not be echoed");
  });

  it("blank strings count as unset, except for the Bitfinex key and secret", () => {
    const config = parseConfig({ PORT: "", APP_URL: " ", BFX_API_URL: "", BFX_TIMEOUT_MS: "" });
    assert.equal(config.mode, "sandbox");
    assert.equal(config.port, 3000);
    assert.equal(config.appUrl, "http://localhost:3000");
    assert.equal(config.bitfinex.restUrl, "http://127.0.0.1:3000/sandbox/bitfinex");
    // A blank secret next to a real key is still a half configuration.
    assert.match(configError({ BFX_API_KEY: "live-key", BFX_API_SECRET: "   " }).message, /BFX_API_SECRET/);
  });

  it("a set-but-empty BFX_API_KEY or BFX_API_SECRET stops the app naming it, never falls back to sandbox mode", () => {
    for (const [env, name] of [
      [{ BFX_API_KEY: "" }, "BFX_API_KEY"],
      [{ BFX_API_KEY: "  " }, "BFX_API_KEY"],
      [{ BFX_API_SECRET: "" }, "BFX_API_SECRET"],
      [{ BFX_API_KEY: "", BFX_API_SECRET: "" }, "BFX_API_KEY"],
      [{ BFX_API_KEY: "live-key", BFX_API_SECRET: "" }, "BFX_API_SECRET"],
    ] as const) {
      const err = configError(env);
      const problem = err.problems.find((p) => p.startsWith(`${name} `));
      assert.ok(problem, `${JSON.stringify(env)}: names ${name} in ${err.message}`);
      assert.match(problem!, /is set but empty/);
      assert.match(problem!, /sandbox mode/, "says how to get sandbox mode on purpose");
    }
    // Both empty: both are named.
    assert.equal(configError({ BFX_API_KEY: "", BFX_API_SECRET: "" }).problems.length, 2);
    // Sandbox mode only when both are absent.
    assert.equal(parseConfig({}).mode, "sandbox");
  });

  it("TRUST_PROXY is the number of proxies in front, 1 by default (the README's setup), 0 to ignore X-Forwarded-For", () => {
    assert.equal(parseConfig({}).trustProxy, "auto");
    assert.equal(parseConfig({ TRUST_PROXY: "1" }).trustProxy, 1);
    assert.equal(parseConfig({ TRUST_PROXY: "0" }).trustProxy, 0);
    assert.equal(parseConfig({ TRUST_PROXY: "2" }).trustProxy, 2);
    for (const TRUST_PROXY of ["-1", "1.5", "true", "11"]) {
      assert.ok(
        configError({ TRUST_PROXY }).problems.some((p) => p.startsWith("TRUST_PROXY ")),
        TRUST_PROXY,
      );
    }
  });

  it("GitHub sign-in is allowed by numeric user id; the old login list stops the app pointing at the new variable", () => {
    const github = { GITHUB_ID: "id", GITHUB_SECRET: "s" };
    assert.deepEqual(parseConfig({ ...github, GITHUB_ALLOWED_USER_IDS: "583231,9919" }).admin.github?.allowedUserIds, [
      "583231",
      "9919",
    ]);
    const old = configError({ ...github, GITHUB_ALLOWED_USERS: "alice" });
    assert.match(old.message, /GITHUB_ALLOWED_USERS is no longer read/);
    assert.match(old.message, /GITHUB_ALLOWED_USER_IDS/);
    // Set on its own (GitHub sign-in off), it still stops the app: it would otherwise be silently ignored.
    assert.match(configError({ GITHUB_ALLOWED_USERS: "alice" }).message, /GITHUB_ALLOWED_USER_IDS/);
    for (const ids of ["alice", "12,bob", "0", "-5", "1e5"]) {
      assert.ok(
        configError({ ...github, GITHUB_ALLOWED_USER_IDS: ids }).problems.some((p) =>
          p.startsWith("GITHUB_ALLOWED_USER_IDS "),
        ),
        ids,
      );
    }
  });

  it("a malformed BFX_API_URL is an error naming it", () => {
    assert.match(configError({ BFX_API_URL: "not a url" }).message, /BFX_API_URL/);
    assert.match(configError({ BFX_API_URL: "api.bitfinex.com" }).message, /BFX_API_URL/);
  });

  it("rejects non-http(s) URLs such as javascript:", () => {
    assert.match(configError({ BFX_API_URL: "javascript:alert(1)" }).message, /BFX_API_URL/);
    assert.match(configError({ APP_URL: "javascript:alert(1)" }).message, /APP_URL/);
    assert.match(configError({ BFX_PUBLIC_API_URL: "ftp://example.com" }).message, /BFX_PUBLIC_API_URL/);
  });

  it("a live key and secret select live mode against Bitfinex's real hosts", () => {
    const config = parseConfig({ BFX_API_KEY: "live-key", BFX_API_SECRET: "live-secret" });
    assert.equal(config.mode, "live");
    assert.equal(config.bitfinex.apiKey, "live-key");
    assert.equal(config.bitfinex.apiSecret, "live-secret");
    assert.equal(config.bitfinex.restUrl, "https://api.bitfinex.com");
    assert.equal(config.bitfinex.publicUrl, "https://api-pub.bitfinex.com");
  });

  it("honours BFX_API_URL / BFX_PUBLIC_API_URL / APP_URL overrides, without trailing slashes", () => {
    const config = parseConfig({
      BFX_API_KEY: "live-key",
      BFX_API_SECRET: "live-secret",
      BFX_API_URL: "https://proxy.example.com/bfx/",
      BFX_PUBLIC_API_URL: "https://pub.example.com",
      APP_URL: "https://shop.example.com/",
    });
    assert.equal(config.bitfinex.restUrl, "https://proxy.example.com/bfx");
    assert.equal(config.bitfinex.publicUrl, "https://pub.example.com");
    assert.equal(config.appUrl, "https://shop.example.com");
    // In sandbox mode the override wins too.
    assert.equal(parseConfig({ BFX_API_URL: "http://10.0.0.5:9000" }).bitfinex.restUrl, "http://10.0.0.5:9000");
  });

  it("BFX_TIMEOUT_MS defaults to 10 s and is bounded", () => {
    assert.equal(parseConfig({}).bitfinex.timeoutMs, 10_000);
    assert.equal(parseConfig({ BFX_TIMEOUT_MS: "2500" }).bitfinex.timeoutMs, 2500);
    assert.match(configError({ BFX_TIMEOUT_MS: "0" }).message, /BFX_TIMEOUT_MS/);
  });

  it("MERCHANT_WEBHOOK_SECRET sets the signing secret: 32+ visible characters, else the app refuses to start naming it", () => {
    assert.equal(parseConfig({}).merchantWebhookSecret, null);
    const good = "a".repeat(16) + "B".repeat(16);
    assert.equal(parseConfig({ MERCHANT_WEBHOOK_SECRET: good }).merchantWebhookSecret, good);
    assert.match(
      configError({ MERCHANT_WEBHOOK_SECRET: "short-secret" }).message,
      /MERCHANT_WEBHOOK_SECRET must be at least 32 characters/,
    );
    assert.match(configError({ MERCHANT_WEBHOOK_SECRET: "" }).message, /MERCHANT_WEBHOOK_SECRET is set but empty/);
    assert.match(
      configError({ MERCHANT_WEBHOOK_SECRET: `${good}\n` }).message,
      /MERCHANT_WEBHOOK_SECRET must be visible ASCII/,
    );
    assert.match(
      configError({ MERCHANT_WEBHOOK_SECRET: "x".repeat(257) }).message,
      /MERCHANT_WEBHOOK_SECRET must be at most 256/,
    );
  });

  it("MERCHANT_WEBHOOK_URL is optional, http(s) in sandbox mode, https to a public host in live mode", () => {
    const live = { BFX_API_KEY: "live-key", BFX_API_SECRET: "live-secret" };
    assert.equal(parseConfig({}).merchantWebhookUrl, null);
    assert.equal(parseConfig({ MERCHANT_WEBHOOK_URL: " " }).merchantWebhookUrl, null);
    assert.equal(
      parseConfig({ MERCHANT_WEBHOOK_URL: "http://localhost:4000/hooks" }).merchantWebhookUrl,
      "http://localhost:4000/hooks",
    );
    assert.equal(
      parseConfig({ ...live, MERCHANT_WEBHOOK_URL: "https://shop.example/hooks" }).merchantWebhookUrl,
      "https://shop.example/hooks",
    );
    assert.match(
      configError({ ...live, MERCHANT_WEBHOOK_URL: "http://shop.example/hooks" }).message,
      /MERCHANT_WEBHOOK_URL must use https/,
    );
    assert.match(
      configError({ ...live, MERCHANT_WEBHOOK_URL: "https://127.0.0.1/hooks" }).message,
      /MERCHANT_WEBHOOK_URL must be a public/,
    );
    assert.match(
      configError({ MERCHANT_WEBHOOK_URL: "https://u:p@shop.example/hooks" }).message,
      /MERCHANT_WEBHOOK_URL must not contain a user name/,
    );
    assert.match(configError({ MERCHANT_WEBHOOK_URL: "shop.example" }).message, /MERCHANT_WEBHOOK_URL/);
  });

  it("EMBED_ORIGINS: https:// plus a host, nothing else; a wildcard or ; refused with the origin named", () => {
    assert.deepEqual(parseConfig({ EMBED_ORIGINS: "https://shop.example, https://www.shop.example/" }).embedOrigins, [
      "https://shop.example",
      "https://www.shop.example",
    ]);
    assert.deepEqual(parseConfig({ EMBED_ORIGINS: "http://127.0.0.1:3150" }).embedOrigins, ["http://127.0.0.1:3150"]);
    assert.match(configError({ EMBED_ORIGINS: "*" }).message, /EMBED_ORIGINS "\*" must not contain a wildcard/);
    assert.match(configError({ EMBED_ORIGINS: "https://*.shop.example" }).message, /wildcard/);
    assert.match(configError({ EMBED_ORIGINS: "https://shop.example;script-src" }).message, /must not contain ;/);
    const live = { BFX_API_KEY: "k", BFX_API_SECRET: "s" };
    assert.match(configError({ ...live, EMBED_ORIGINS: "http://127.0.0.1:3150" }).message, /must start with https/);
  });

  it("MERCHANT_API_KEY_SCOPES: unset is every scope; a list or all; an unknown name is refused", () => {
    assert.deepEqual(parseConfig({}).merchantApiKeyScopes, [...API_KEY_SCOPES]);
    assert.deepEqual(parseConfig({ MERCHANT_API_KEY_SCOPES: "checkouts:write,checkouts:read" }).merchantApiKeyScopes, [
      "checkouts:read",
      "checkouts:write",
    ]);
    assert.match(
      configError({ MERCHANT_API_KEY_SCOPES: "refunds" }).message,
      /MERCHANT_API_KEY_SCOPES has unknown scope "refunds"/,
    );
  });
});
