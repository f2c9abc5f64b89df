import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, it } from "node:test";
import { parseConfig } from "../env";
import { checkPassword, githubAccountAllowed } from "./options";
import { hashPassword, verifyPassword } from "./password";
import { SignInLimiter } from "./sign-in-limiter";

describe("admin password hashes", () => {
  it("verifies the right password and refuses a wrong one, a tampered hash or a foreign format", async () => {
    const hash = await hashPassword("correct horse battery");
    assert.match(hash, /^scrypt\$32768\$8\$1\$/);
    assert.equal(await verifyPassword("correct horse battery", hash), true);
    assert.equal(await verifyPassword("correct horse batterY", hash), false);
    assert.equal(await verifyPassword("correct horse battery", hash.replace(/.\$/, "A$")), false);
    assert.equal(await verifyPassword("x", "$2b$10$abcdefghijklmnopqrstuv"), false);
    assert.equal(await verifyPassword("x", "scrypt$99999999999$8$1$AAAA$AAAA"), false, "an absurd cost is refused, not computed");
  });

  it("`npm run hash-password` makes a hash the app accepts, from stdin", async () => {
    const hash = execFileSync(process.execPath, ["scripts/hash-password.mjs"], { input: "a long enough secret\n" }).toString().trim();
    assert.equal(await verifyPassword("a long enough secret", hash), true);
    const config = parseConfig({ ADMIN_PASSWORD_HASH: hash, ADMIN_USERNAME: "Owner" });
    assert.equal(await checkPassword(config, "owner", "a long enough secret"), true);
    assert.equal(await checkPassword(config, "someone", "a long enough secret"), false);
    assert.equal(await checkPassword(config, "owner", "sandbox"), false, "a hash turns the sandbox password off");
  });

  it("the sandbox password works only in sandbox mode without a hash", async () => {
    assert.equal(await checkPassword(parseConfig({}), "admin", "sandbox"), true);
    const live = parseConfig({ BFX_API_KEY: "k", BFX_API_SECRET: "s" });
    assert.equal(live.admin.sandboxPassword, null);
    assert.equal(await checkPassword(live, "admin", "sandbox"), false);
  });

  it("GitHub sign-in needs both halves and an allow-list", () => {
    assert.throws(() => parseConfig({ GITHUB_ID: "id" }), /GITHUB_SECRET/);
    assert.throws(() => parseConfig({ GITHUB_ID: "id", GITHUB_SECRET: "s" }), /GITHUB_ALLOWED_USER_IDS/);
    assert.deepEqual(parseConfig({ GITHUB_ID: "id", GITHUB_SECRET: "s", GITHUB_ALLOWED_USER_IDS: "583231, 9919" }).admin.github?.allowedUserIds, ["583231", "9919"]);
    assert.throws(() => parseConfig({ ADMIN_PASSWORD_HASH: "hunter2" }), /ADMIN_PASSWORD_HASH/);
  });

  it("a GitHub account gets in by its numeric id only", () => {
    const config = parseConfig({ GITHUB_ID: "id", GITHUB_SECRET: "s", GITHUB_ALLOWED_USER_IDS: "583231" });
    assert.equal(githubAccountAllowed(config, "583231"), true);
    assert.equal(githubAccountAllowed(config, "5832310"), false);
    assert.equal(githubAccountAllowed(config, "octocat"), false, "a login is not an id");
    assert.equal(githubAccountAllowed(config, undefined), false);
    assert.equal(githubAccountAllowed(parseConfig({}), "583231"), false, "GitHub sign-in off");
  });
});

describe("sign-in attempts are limited", () => {
  it("5 failures per address and username, then a wait that ends", () => {
    let now = 1_000_000;
    const limiter = new SignInLimiter(() => now);
    for (let i = 0; i < 5; i++) {
      assert.equal(limiter.retryAfterSeconds("1.2.3.4", "admin"), 0);
      limiter.recordFailure("1.2.3.4", "admin");
    }
    assert.ok(limiter.retryAfterSeconds("1.2.3.4", "admin") > 0);
    assert.equal(limiter.retryAfterSeconds("5.6.7.8", "admin"), 0, "another address is not blocked by this one's failures");
    now += 15 * 60_000 + 1;
    assert.equal(limiter.retryAfterSeconds("1.2.3.4", "admin"), 0);
  });

  it("one address trying many usernames, and one username tried from many addresses", () => {
    const limiter = new SignInLimiter(() => 0);
    for (let i = 0; i < 20; i++) limiter.recordFailure("9.9.9.9", `user${i}`);
    assert.ok(limiter.retryAfterSeconds("9.9.9.9", "fresh-name") > 0);
    for (let i = 0; i < 50; i++) limiter.recordFailure(`10.0.0.${i}`, "admin");
    assert.ok(limiter.retryAfterSeconds("10.1.1.1", "ADMIN") > 0, "usernames compare case-insensitively");
  });
});
