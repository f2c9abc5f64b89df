import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { dbTargets } from "../../test/support/checkout-harness";
import { SoftAuthenticator } from "../../test/support/soft-authenticator";
import type { Db, DbHandle } from "../db/connect";
import { parseConfig } from "../env";
import { CHALLENGE_TTL_MS, issueChallenge, MAX_OPEN_CHALLENGES, peekChallenge, takeChallenge } from "./challenges";
import {
  authenticationOptions,
  listPasskeys,
  registerPasskey,
  registrationOptions,
  relyingParty,
  removePasskey,
  verifyPasskey,
} from "./passkeys";
import { checkProof } from "./second-factor";
import { removeSecondFactor } from "./totp";
import { addUser, ensureFirstOwner, findUserByLogin, type UserRow } from "./users";

const RP = relyingParty("https://pay.shop.example");
const T0 = Date.parse("2026-12-06T05:00:00Z");

async function twoUsers(db: Db): Promise<[UserRow, UserRow]> {
  await ensureFirstOwner(db, parseConfig({}));
  const owner = (await findUserByLogin(db, "admin"))!;
  const other = await addUser(db, { name: "Olga", login: "olga", password: "olga's long password", role: "owner" });
  return [owner, other];
}

describe("the relying party comes from APP_URL", () => {
  it("host name as RP id, origin as the one origin (port kept, path dropped)", () => {
    assert.deepEqual(relyingParty("https://pay.shop.example"), {
      id: "pay.shop.example",
      origin: "https://pay.shop.example",
    });
    assert.deepEqual(relyingParty("http://localhost:3700"), { id: "localhost", origin: "http://localhost:3700" });
  });
});

for (const [name, open] of dbTargets()) {
  describe(`challenge store (${name})`, () => {
    const handles: DbHandle[] = [];
    after(() => Promise.all(handles.map((h) => h.close())));
    const fresh = async () => {
      const h = await open();
      handles.push(h);
      return h.db;
    };

    it("a challenge is taken once; a second take, or a race of two, gets it once", async () => {
      const db = await fresh();
      const [owner] = await twoUsers(db);
      const issued = await issueChallenge(db, owner.id, "passkey_auth", T0);
      assert.match(issued.challenge, /^[A-Za-z0-9_-]{43}$/, "32 random bytes, base64url");
      assert.equal((await takeChallenge(db, issued.challenge, "passkey_auth", T0 + 1000, owner.id))?.userId, owner.id);
      assert.equal(await takeChallenge(db, issued.challenge, "passkey_auth", T0 + 1000, owner.id), null);
      const raced = await issueChallenge(db, owner.id, "passkey_auth", T0);
      const both = await Promise.all([
        takeChallenge(db, raced.challenge, "passkey_auth", T0, owner.id),
        takeChallenge(db, raced.challenge, "passkey_auth", T0, owner.id),
      ]);
      assert.equal(both.filter(Boolean).length, 1);
    });

    it("bound to its user and purpose: another user's take or another purpose finds nothing and leaves it", async () => {
      const db = await fresh();
      const [owner, olga] = await twoUsers(db);
      const issued = await issueChallenge(db, owner.id, "passkey_register", T0);
      assert.equal(await takeChallenge(db, issued.challenge, "passkey_register", T0, olga.id), null);
      assert.equal(await takeChallenge(db, issued.challenge, "passkey_auth", T0, owner.id), null);
      assert.equal(await takeChallenge(db, issued.challenge, "second_step", T0), null);
      assert.ok(
        await takeChallenge(db, issued.challenge, "passkey_register", T0, owner.id),
        "still there for its user",
      );
    });

    it("expires: good until its time, gone after; expired ones are cleared on the next issue", async () => {
      const db = await fresh();
      const [owner] = await twoUsers(db);
      const a = await issueChallenge(db, owner.id, "passkey_auth", T0);
      const b = await issueChallenge(db, owner.id, "second_step", T0);
      const ttl = CHALLENGE_TTL_MS.passkey_auth;
      assert.ok(await peekChallenge(db, b.challenge, "second_step", T0 + CHALLENGE_TTL_MS.second_step - 1));
      assert.equal(await takeChallenge(db, a.challenge, "passkey_auth", T0 + ttl + 1, owner.id), null);
      assert.equal(await peekChallenge(db, b.challenge, "second_step", T0 + CHALLENGE_TTL_MS.second_step + 1), null);
      assert.ok(await peekChallenge(db, b.challenge, "second_step", T0), "peeking does not take it");
      await issueChallenge(db, owner.id, "passkey_auth", T0 + 10 * 60_000);
      assert.equal(await peekChallenge(db, b.challenge, "second_step", T0), null, "the expired row is gone");
      assert.equal(await takeChallenge(db, "not a challenge!", "passkey_auth", T0), null);
    });

    it("asking again and again keeps only the newest few open (the oldest is pushed out)", async () => {
      const db = await fresh();
      const [owner] = await twoUsers(db);
      const ticket = await issueChallenge(db, owner.id, "second_step", T0);
      const issued = [];
      for (let i = 0; i <= MAX_OPEN_CHALLENGES; i++)
        issued.push(await issueChallenge(db, owner.id, "passkey_auth", T0 + i));
      assert.equal(await takeChallenge(db, issued[0]!.challenge, "passkey_auth", T0, owner.id), null, "pushed out");
      assert.ok(await takeChallenge(db, issued[1]!.challenge, "passkey_auth", T0, owner.id));
      assert.ok(await takeChallenge(db, issued.at(-1)!.challenge, "passkey_auth", T0, owner.id));
      assert.ok(await peekChallenge(db, ticket.challenge, "second_step", T0), "another purpose is untouched");
    });
  });

  describe(`passkeys (${name})`, () => {
    const handles: DbHandle[] = [];
    after(() => Promise.all(handles.map((h) => h.close())));
    const fresh = async () => {
      const h = await open();
      handles.push(h);
      return h.db;
    };

    it("registers with the server's challenge, once, for the right origin and user only", async () => {
      const db = await fresh();
      const [owner, olga] = await twoUsers(db);
      const device = new SoftAuthenticator(RP.id, RP.origin);
      const options = await registrationOptions(db, RP, owner, T0);
      assert.equal(options.rp.id, "pay.shop.example");
      assert.equal(options.attestation, "none");

      // Another user cannot finish the owner's registration; a foreign origin is refused.
      const theirs = await registerPasskey(db, RP, olga.id, "x", device.register(options), T0);
      assert.deepEqual(theirs.ok, false);
      const phishing = await registrationOptions(db, RP, owner, T0);
      const fake = await registerPasskey(
        db,
        RP,
        owner.id,
        "x",
        device.register(phishing, { origin: "https://pay.shop.example.evil" }),
        T0,
      );
      assert.equal(fake.ok, false);
      assert.match((fake as { reason: string }).reason, /origin/i);

      const again = await registrationOptions(db, RP, owner, T0);
      const made = await registerPasskey(db, RP, owner.id, "Laptop", device.register(again), T0);
      assert.equal(made.ok, true, JSON.stringify(made));
      const replay = await registerPasskey(db, RP, owner.id, "Laptop", device.register(again), T0);
      assert.equal(replay.ok, false, "the challenge was used");
      const [listed] = await listPasskeys(db, owner.id);
      assert.equal(listed?.name, "Laptop");
      assert.equal(listed?.credentialId, device.id);
      // It is excluded from the next registration's options, so the browser will not make it twice.
      const next = await registrationOptions(db, RP, owner, T0);
      assert.deepEqual(
        next.excludeCredentials?.map((c) => c.id),
        [device.id],
      );
      // An expired challenge is refused.
      const late = await registerPasskey(
        db,
        RP,
        owner.id,
        "Late",
        new SoftAuthenticator(RP.id, RP.origin).register(next),
        T0 + CHALLENGE_TTL_MS.passkey_register + 1,
      );
      assert.equal(late.ok, false);
    });

    it("an assertion passes once, for its user, with a counter that moves forward", async () => {
      const db = await fresh();
      const [owner, olga] = await twoUsers(db);
      const device = new SoftAuthenticator(RP.id, RP.origin);
      assert.equal(await authenticationOptions(db, RP, owner.id, T0), null, "no passkey, no options");
      const reg = await registerPasskey(
        db,
        RP,
        owner.id,
        "Phone",
        device.register(await registrationOptions(db, RP, owner, T0)),
        T0,
      );
      assert.ok(reg.ok);

      const options = (await authenticationOptions(db, RP, owner.id, T0))!;
      assert.deepEqual(
        options.allowCredentials?.map((c) => c.id),
        [device.id],
      );
      const answer = device.assert(options);
      const ok = await verifyPasskey(db, RP, owner.id, answer, T0 + 1000);
      assert.deepEqual(ok, {
        ok: true,
        passkey: { id: (reg as { passkey: { id: string } }).passkey.id, name: "Phone" },
      });
      assert.equal((await verifyPasskey(db, RP, owner.id, answer, T0 + 2000)).ok, false, "replayed");
      assert.equal((await listPasskeys(db, owner.id))[0]?.counter, 1);

      // A counter that did not move (a cloned authenticator) is refused.
      const stale = device.assert((await authenticationOptions(db, RP, owner.id, T0))!, { step: 0 });
      const refused = await verifyPasskey(db, RP, owner.id, stale, T0);
      assert.equal(refused.ok, false);
      assert.match((refused as { reason: string }).reason, /counter/i);

      // Olga's challenge does not carry the owner's passkey, nor the owner's challenge hers.
      const olgaOptions = await issueChallenge(db, olga.id, "passkey_auth", T0);
      assert.equal((await verifyPasskey(db, RP, olga.id, device.assert(olgaOptions), T0)).ok, false);
      const ownerOptions = (await authenticationOptions(db, RP, owner.id, T0))!;
      assert.equal((await verifyPasskey(db, RP, olga.id, device.assert(ownerOptions), T0)).ok, false);
      // Another RP id (a look-alike host) is refused; an expired challenge too.
      const other = device.assert((await authenticationOptions(db, RP, owner.id, T0))!, { rpId: "shop.example" });
      assert.equal((await verifyPasskey(db, RP, owner.id, other, T0)).ok, false);
      const late = device.assert((await authenticationOptions(db, RP, owner.id, T0))!);
      assert.equal((await verifyPasskey(db, RP, owner.id, late, T0 + CHALLENGE_TTL_MS.passkey_auth + 1)).ok, false);
      // Garbage is a refusal, not a crash.
      assert.equal((await verifyPasskey(db, RP, owner.id, { id: "x" }, T0)).ok, false);
      assert.equal((await verifyPasskey(db, RP, owner.id, "not json", T0)).ok, false);

      // A good one still works afterwards, through the one second-factor check the routes use.
      const good = device.assert((await authenticationOptions(db, RP, owner.id, T0))!);
      const proof = await checkProof(db, { rp: RP, authSecret: "s" }, owner, { passkey: good }, T0);
      assert.deepEqual(proof.ok && proof.method, "passkey");
      assert.deepEqual(await checkProof(db, { rp: RP, authSecret: "s" }, owner, {}, T0), {
        ok: false,
        method: null,
        reason: "is required",
      });
    });

    it("removed by its own user only; the owner turning a user's second factor off removes them too", async () => {
      const db = await fresh();
      const [owner, olga] = await twoUsers(db);
      const device = new SoftAuthenticator(RP.id, RP.origin);
      const reg = await registerPasskey(
        db,
        RP,
        owner.id,
        "Key",
        device.register(await registrationOptions(db, RP, owner, T0)),
        T0,
      );
      assert.ok(reg.ok);
      assert.equal(await removePasskey(db, olga.id, reg.passkey.id), null);
      assert.equal((await removePasskey(db, owner.id, reg.passkey.id))?.name, "Key");
      assert.equal((await listPasskeys(db, owner.id)).length, 0);
      const second = await registerPasskey(
        db,
        RP,
        owner.id,
        "Key 2",
        new SoftAuthenticator(RP.id, RP.origin).register(await registrationOptions(db, RP, owner, T0)),
        T0,
      );
      assert.ok(second.ok);
      await removeSecondFactor(db, owner.id);
      assert.equal((await listPasskeys(db, owner.id)).length, 0);
    });
  });
}
