import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomBytes, scryptSync } from "node:crypto";
import { describe, it } from "node:test";
import { parseConfig } from "../env";
import { callbackPathOf, checkPassword, githubAccountAllowed, warnIfOldHash } from "./options";
import { COST, hashPassword, MAX_WAITING_HASHES, needsRehash, PasswordCheckBusy, verifyPassword } from "./password";
import { backoffSeconds, SIGN_IN_LIMITS, SignInLimiter } from "./sign-in-limiter";

describe("admin password hashes", () => {
  it("verifies the right password and refuses a wrong one, a tampered hash or a foreign format", async () => {
    const hash = await hashPassword("correct horse battery");
    assert.match(hash, /^scrypt\$131072\$8\$1\$/, "OWASP's current cost: N=2^17, r=8, p=1");
    assert.equal(await verifyPassword("correct horse battery", hash), true);
    assert.equal(await verifyPassword("correct horse batterY", hash), false);
    assert.equal(await verifyPassword("correct horse battery", hash.replace(/.\$/, "A$")), false);
    assert.equal(await verifyPassword("x", "$2b$10$abcdefghijklmnopqrstuv"), false);
    assert.equal(
      await verifyPassword("x", "scrypt$99999999999$8$1$AAAA$AAAA"),
      false,
      "an absurd cost is refused, not computed",
    );
  });

  it("`npm run hash-password` makes a hash the app accepts, from stdin", async () => {
    const hash = execFileSync(process.execPath, ["scripts/hash-password.mjs"], { input: "a long enough secret\n" })
      .toString()
      .trim();
    assert.equal(await verifyPassword("a long enough secret", hash), true);
    const config = parseConfig({ ADMIN_PASSWORD_HASH: hash, ADMIN_USERNAME: "Owner" });
    assert.equal(await checkPassword(config, "owner", "a long enough secret"), true);
    assert.equal(await checkPassword(config, "someone", "a long enough secret"), false);
    assert.equal(await checkPassword(config, "owner", "sandbox"), false, "a hash turns the sandbox password off");
  });

  it("the script and the app hash at the same cost", () => {
    const hash = execFileSync(process.execPath, ["scripts/hash-password.mjs"], { input: "a long enough secret\n" })
      .toString()
      .trim();
    assert.match(hash, new RegExp(`^scrypt\\$${COST.N}\\$${COST.r}\\$${COST.p}\\$`));
    assert.equal(needsRehash(hash), false);
  });

  it("a hash made at the old cost still signs in, and the log says to make a new one (once)", async () => {
    const salt = randomBytes(16);
    const key = scryptSync("an older secret", salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    const old = `scrypt$32768$8$1$${salt.toString("base64")}$${key.toString("base64")}`;
    assert.equal(needsRehash(old), true);
    assert.equal(await verifyPassword("an older secret", old), true);
    const config = parseConfig({ ADMIN_PASSWORD_HASH: old });
    const lines: string[] = [];
    assert.equal(
      warnIfOldHash(config, (l) => lines.push(l)),
      true,
    );
    assert.equal(
      warnIfOldHash(config, (l) => lines.push(l)),
      false,
      "once per process",
    );
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /N=32768, below today's N=131072/);
    assert.match(lines[0]!, /npm run --silent hash-password/);
    assert.match(lines[0]!, /ADMIN_PASSWORD_HASH/);
    assert.doesNotMatch(
      lines[0]!,
      new RegExp(key.toString("base64").slice(0, 12).replace(/[+/]/g, ".")),
      "the hash itself is not logged",
    );
    assert.equal(
      warnIfOldHash(parseConfig({ ADMIN_PASSWORD_HASH: await hashPassword("a current secret!") }), () =>
        assert.fail("no warning for a current hash"),
      ),
      false,
    );
  });

  it("password checks run one at a time, and a pile-up is refused rather than queued for long", async () => {
    // A cheap hash (N=2^10), so the test is quick; the queue is the same at any cost.
    const salt = randomBytes(16);
    const hash = `scrypt$1024$8$1$${salt.toString("base64")}$${scryptSync("right", salt, 32, { N: 1024, r: 8, p: 1 }).toString("base64")}`;
    const results = await Promise.allSettled(
      Array.from({ length: MAX_WAITING_HASHES + 4 }, (_, i) => verifyPassword(i === 0 ? "right" : "wrong", hash)),
    );
    const busy = results.filter((r) => r.status === "rejected" && r.reason instanceof PasswordCheckBusy).length;
    assert.equal(busy, 4, "the 4 beyond the queue's room are refused at once");
    assert.deepEqual(
      results.slice(0, MAX_WAITING_HASHES).map((r) => (r.status === "fulfilled" ? r.value : "refused")),
      [true, ...Array(MAX_WAITING_HASHES - 1).fill(false)],
    );
    assert.equal(await verifyPassword("right", hash), true, "and the queue drains");
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
    assert.deepEqual(
      parseConfig({ GITHUB_ID: "id", GITHUB_SECRET: "s", GITHUB_ALLOWED_USER_IDS: "583231, 9919" }).admin.github
        ?.allowedUserIds,
      ["583231", "9919"],
    );
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
  let n = 0;
  const rules = (durationSeconds = 900) => {
    n++;
    return Object.fromEntries(
      Object.entries(SIGN_IN_LIMITS).map(([k, r]) => [
        k,
        {
          ...r,
          name: `${r.name}-t${n}`,
          durationSeconds: k === "addressAndUser" ? durationSeconds : r.durationSeconds,
        },
      ]),
    ) as typeof SIGN_IN_LIMITS;
  };
  const memory = { kind: "memory" } as const;

  it("5 failures per address and username, then a wait that ends", async (t) => {
    // The test's clock: the 1 s wait passes when the test says so.
    t.mock.timers.enable({ apis: ["setTimeout", "Date"], now: Date.now() });
    const limiter = await SignInLimiter.create(memory, rules(1));
    for (let i = 0; i < 5; i++) {
      assert.equal(await limiter.retryAfterSeconds("1.2.3.4", "admin"), 0);
      await limiter.recordFailure("1.2.3.4", "admin");
    }
    assert.ok((await limiter.retryAfterSeconds("1.2.3.4", "admin")) > 0);
    assert.equal(
      await limiter.retryAfterSeconds("5.6.7.8", "admin"),
      0,
      "another address is not blocked by this one's failures",
    );
    t.mock.timers.tick(1_000);
    assert.equal(await limiter.retryAfterSeconds("1.2.3.4", "admin"), 0);
  });

  it("one address trying many usernames backs off, doubling", async () => {
    const limiter = await SignInLimiter.create(memory, rules());
    for (let i = 0; i < 10; i++) await limiter.recordFailure("9.9.9.9", `user${i}`);
    assert.equal(await limiter.retryAfterSeconds("9.9.9.9", "fresh-name"), 0, "10 failures an hour are free");
    await limiter.recordFailure("9.9.9.9", "user10");
    const first = await limiter.retryAfterSeconds("9.9.9.9", "fresh-name");
    await limiter.recordFailure("9.9.9.9", "user11");
    const second = await limiter.retryAfterSeconds("9.9.9.9", "fresh-name");
    assert.ok(first > 25 && first <= 30, String(first));
    assert.ok(second > 55 && second <= 60, String(second));
    assert.deepEqual(
      [10, 11, 12, 13, 17, 30].map((f) => backoffSeconds(f)),
      [0, 30, 60, 120, 1920, 3600],
    );
    // The same /64 is the same address.
    assert.ok((await limiter.retryAfterSeconds("9.9.9.9", "x")) > 0);
  });

  it("a username tried from many addresses is held back, but not for an address that signed in before", async () => {
    const limiter = await SignInLimiter.create(memory, rules());
    await limiter.recordSuccess("2001:db8:aa:1::5", "admin"); // the admin, earlier
    // A key whose timer overflowed (Node runs a delay past 24.8 days after 1 ms) is gone once a 1 ms timer
    // started after it has fired: timers of one delay fire in the order they were started.
    await new Promise((r) => setTimeout(r, 1));
    for (let i = 0; i < 50; i++) await limiter.recordFailure(`10.0.${i}.1`, "admin");
    assert.ok((await limiter.retryAfterSeconds("10.1.1.1", "ADMIN")) > 0, "usernames compare case-insensitively");
    assert.equal(await limiter.retryAfterSeconds("2001:db8:aa:1::77", "admin"), 0, "the admin's network still gets in");
  });
});

describe("GitHub's way back to the page the sign-in started from", () => {
  it("the callback URL next-auth keeps is used only when it is this app's", () => {
    assert.equal(
      callbackPathOf("https://pay.shop.example/dashboard/checkouts/co_x?a=1", "https://pay.shop.example"),
      "/dashboard/checkouts/co_x?a=1",
    );
    assert.equal(callbackPathOf("/dashboard/users", "https://pay.shop.example"), "/dashboard/users");
    assert.equal(callbackPathOf("https://evil.example/dashboard", "https://pay.shop.example"), undefined);
    assert.equal(callbackPathOf("http://[bad", "https://pay.shop.example"), undefined);
  });
});
