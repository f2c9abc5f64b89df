// The second step of a sign-in, after a password or after GitHub alike (sign-in.ts): a user with a
// second factor is not signed in by the first factor alone; the ticket it gets is bound to them,
// single use and short-lived, and takes a TOTP code, a recovery code or a passkey.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { dbTargets } from "../../test/support/checkout-harness";
import { SoftAuthenticator } from "../../test/support/soft-authenticator";
import { listAudit } from "../audit/log";
import type { Db, DbHandle } from "../db/connect";
import { parseConfig } from "../env";
import { CHALLENGE_TTL_MS } from "./challenges";
import { authenticationOptions, registerPasskey, registrationOptions, relyingParty } from "./passkeys";
import { SignInLimiter } from "./sign-in-limiter";
import { afterGitHub, SECOND_STEP_PREFIX, signInWithCredentials, type Credentials } from "./sign-in";
import { codeFor, confirmEnrolment, startEnrolment } from "./totp";
import { authSecret } from "./secret";
import { addUser, findUserById } from "./users";

const config = parseConfig({
  APP_URL: "https://pay.shop.example",
  NEXTAUTH_SECRET: "a session secret for the test, long enough",
  GITHUB_ID: "gh-client",
  GITHUB_SECRET: "gh-secret",
  GITHUB_ALLOWED_USER_IDS: "4242",
});
const SECRET = authSecret(config);
const RP = relyingParty(config.appUrl);
const PASSWORD = "olga's long password";
const T0 = Date.parse("2026-12-06T05:00:00Z");

/** The ticket from a thrown "second_step:<ticket>", or a failed assertion. */
async function ticketFrom(attempt: Promise<unknown>): Promise<string> {
  const e = await attempt.then(
    () => assert.fail("signed in without a second factor"),
    (err: Error) => err,
  );
  assert.ok(e.message.startsWith(SECOND_STEP_PREFIX), e.message);
  return e.message.slice(SECOND_STEP_PREFIX.length);
}

async function rejectsWith(attempt: Promise<unknown>, message: string) {
  await assert.rejects(attempt, (e: Error) => e.message === message);
}

for (const [name, open] of dbTargets()) {
  describe(`second step of a sign-in (${name})`, () => {
    const handles: DbHandle[] = [];
    after(() => Promise.all(handles.map((h) => h.close())));

    async function setUp() {
      const h = await open();
      handles.push(h);
      const db: Db = h.db;
      let now = T0;
      const deps = { db, now: () => now };
      const limiter = await SignInLimiter.create({ kind: "memory" });
      const olga = await addUser(db, {
        name: "Olga",
        login: `olga${handles.length}`,
        githubLogin: `olga-gh${handles.length}`,
        password: PASSWORD,
        role: "owner",
      });
      const { secret } = await startEnrolment(db, olga, SECRET);
      assert.ok(await confirmEnrolment(db, olga.id, codeFor(secret, now), SECRET, now));
      const step = (ms: number) => (now += ms);
      const signIn = (c: Credentials) => signInWithCredentials(deps, config, limiter, c, "203.0.113.9");
      return { db, deps, olga, secret, step, signIn, at: () => now };
    }

    it("GitHub: a user with a second factor gets the second step, not a session; the code signs in once", async () => {
      const { db, deps, olga, secret, step, signIn, at } = await setUp();
      const next = await afterGitHub(
        deps,
        config,
        { id: "777", login: olga.githubLogin },
        "203.0.113.9",
        "/dashboard/x",
      );
      assert.equal(typeof next, "string", "not signed in by GitHub alone");
      const url = new URL(next as string, config.appUrl);
      assert.equal(url.pathname, "/signin");
      assert.equal(url.searchParams.get("callbackUrl"), "/dashboard/x");
      const ticket = url.searchParams.get("second")!;

      // A wrong code is refused (and leaves the ticket for another try); nothing without a proof.
      await rejectsWith(signIn({ ticket, otp: "000000" }), "otp_wrong");
      assert.equal(await ticketFrom(signIn({ ticket })), ticket);
      step(30_000);
      const user = await signIn({ ticket, otp: codeFor(secret, at()) });
      assert.deepEqual(user, { id: olga.id, name: "Olga", sv: olga.sessionVersion });
      // The ticket is spent.
      step(30_000);
      await rejectsWith(signIn({ ticket, otp: codeFor(secret, at()) }), "second_step_expired");

      const log = (await listAudit(db, { limit: 10 })).filter((r) => r.actorId === olga.id).reverse();
      assert.deepEqual(
        log.map((r) => [r.action, r.details]),
        [
          ["signin.failed", { method: "github", reason: "second factor: is wrong or already used" }],
          ["signin.succeeded", { method: "github", secondFactor: "totp" }],
        ],
      );
    });

    it("GitHub: a user without a second factor is signed in at once; an unknown account is refused", async () => {
      const { deps, db } = await setUp();
      const plain = await addUser(db, { name: "Paul", login: "paul", githubLogin: "paul-gh", role: "cashier" });
      assert.equal(await afterGitHub(deps, config, { id: "888", login: "paul-gh" }, null, "/dashboard"), true);
      assert.equal((await findUserById(db, plain.id))?.githubId, "888");
      assert.equal(await afterGitHub(deps, config, { id: "999", login: "nobody" }, null, "/dashboard"), false);
    });

    it("a ticket expires after five minutes; a made-up one is nothing", async () => {
      const { deps, olga, secret, step, signIn, at } = await setUp();
      const next = (await afterGitHub(deps, config, { id: "777", login: olga.githubLogin }, null, "/")) as string;
      const ticket = new URL(next, config.appUrl).searchParams.get("second")!;
      step(CHALLENGE_TTL_MS.second_step + 1);
      await rejectsWith(signIn({ ticket, otp: codeFor(secret, at()) }), "second_step_expired");
      await rejectsWith(signIn({ ticket: "made-up-ticket-made-up-ticket" }), "second_step_expired");
    });

    it("password: the right password gives a ticket; with it a passkey (or the code) signs in", async () => {
      const { db, olga, signIn } = await setUp();
      assert.equal(await signIn({ username: olga.login, password: "wrong password here" }), null);
      const ticket = await ticketFrom(signIn({ username: olga.login, password: PASSWORD }));

      const device = new SoftAuthenticator(RP.id, RP.origin);
      const reg = await registerPasskey(
        db,
        RP,
        olga.id,
        "Phone",
        device.register(await registrationOptions(db, RP, olga, T0)),
        T0,
      );
      assert.ok(reg.ok);
      // A passkey answer to someone else's prompt, or garbage, is refused; a real one signs in.
      await rejectsWith(signIn({ ticket, passkey: "{}" }), "passkey_wrong");
      const options = (await authenticationOptions(db, RP, olga.id, T0))!;
      const user = await signIn({ ticket, passkey: JSON.stringify(device.assert(options)) });
      assert.equal(user?.id, olga.id);
      const log = (await listAudit(db, { limit: 10 })).filter((r) => r.actorId === olga.id).reverse();
      assert.deepEqual(
        log.map((r) => r.action),
        ["signin.failed", "passkey.used", "signin.succeeded"],
      );
      assert.deepEqual(log.at(-1)?.details, { method: "password", secondFactor: "passkey" });
    });
  });
}
