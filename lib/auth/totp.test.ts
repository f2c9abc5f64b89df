import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as OTPAuth from "otpauth";
import { dbTargets } from "../../test/support/checkout-harness";
import type { DbHandle } from "../db/connect";
import { parseConfig } from "../env";
import { stepUpNeeded } from "./step-up";
import { checkSecondFactor, codeFor, confirmEnrolment, removeSecondFactor, seal, startEnrolment, unseal } from "./totp";
import { ensureFirstOwner, findUserById, findUserByLogin } from "./users";

const SECRET = "test-session-secret";

describe("the TOTP secret is sealed", () => {
  it("opens with the same session secret only", () => {
    const sealed = seal("JBSWY3DPEHPK3PXP", SECRET);
    assert.doesNotMatch(sealed, /JBSWY3DPEHPK3PXP/);
    assert.equal(unseal(sealed, SECRET), "JBSWY3DPEHPK3PXP");
    assert.equal(unseal(sealed, "another secret"), null);
    assert.equal(unseal(`${sealed.slice(0, -2)}AA`, SECRET), null);
  });

  it("codes are RFC 6238's (SHA-1, 6 digits, 30 s): the RFC's test vector at T=59 s", () => {
    // RFC 6238 Appendix B: secret "12345678901234567890", T=59 → 94287082 (8 digits); 6 digits → 287082.
    const base32 = OTPAuth.Secret.fromUTF8("12345678901234567890").base32;
    assert.equal(codeFor(base32, 59_000), "287082");
  });
});

describe("step-up threshold", () => {
  it("asks above the threshold only; 0 asks for every refund", () => {
    assert.equal(stepUpNeeded("10.00", "0"), true);
    assert.equal(stepUpNeeded("100.00", "100"), false);
    assert.equal(stepUpNeeded("100.01", "100"), true);
  });
});

for (const [name, open, { it, after }] of dbTargets()) {
  describe(`second factor (${name})`, () => {
    const handles: DbHandle[] = [];
    after(() => Promise.all(handles.map((h) => h.close())));

    it("enrols with a code from the new secret, then every code and recovery code works once", async () => {
      const h = await open();
      handles.push(h);
      const db = h.db;
      await ensureFirstOwner(db, parseConfig({}));
      const owner = (await findUserByLogin(db, "admin"))!;
      const t0 = Date.parse("2026-12-06T02:00:00Z");
      const { uri, secret } = await startEnrolment(db, owner, SECRET);
      assert.match(uri, /^otpauth:\/\/totp\/Bitfinex%20Checkout:admin\?/);
      assert.equal(await confirmEnrolment(db, owner.id, "000000", SECRET, t0), null, "a wrong code does not enrol");
      const codes = await confirmEnrolment(db, owner.id, codeFor(secret, t0), SECRET, t0);
      assert.equal(codes?.length, 10);
      const user = (await findUserById(db, owner.id))!;
      assert.ok(user.totpEnabledAt);
      assert.ok(!JSON.stringify(user.recoveryCodes).includes(codes![0]!), "recovery codes are kept hashed");

      // The code used to enrol is spent; the next step's code works once.
      assert.equal(await checkSecondFactor(db, user, codeFor(secret, t0), SECRET, t0), "wrong");
      const t1 = t0 + 30_000;
      assert.equal(await checkSecondFactor(db, user, codeFor(secret, t1), SECRET, t1), "ok");
      assert.equal(await checkSecondFactor(db, user, codeFor(secret, t1), SECRET, t1 + 5_000), "wrong", "replayed");
      // ±1 step of clock drift is accepted; further is not.
      const t3 = t1 + 90_000;
      assert.equal(await checkSecondFactor(db, user, codeFor(secret, t3 - 30_000), SECRET, t3), "ok");
      assert.equal(await checkSecondFactor(db, user, codeFor(secret, t3 + 90_000), SECRET, t3), "wrong");
      assert.equal(await checkSecondFactor(db, user, "12345", SECRET, t3), "wrong");

      // Two requests racing with one fresh code: one passes.
      const t4 = t3 + 120_000;
      const race = await Promise.all([
        checkSecondFactor(db, user, codeFor(secret, t4), SECRET, t4),
        checkSecondFactor(db, user, codeFor(secret, t4), SECRET, t4),
      ]);
      assert.deepEqual(race.sort(), ["ok", "wrong"]);

      // A recovery code, once (spaces and case as typed).
      const fresh = (await findUserById(db, owner.id))!;
      assert.equal(await checkSecondFactor(db, fresh, ` ${codes![3]!.toUpperCase()} `, SECRET, t4), "recovery_code");
      const after1 = (await findUserById(db, owner.id))!;
      assert.equal(after1.recoveryCodes?.length, 9);
      assert.equal(await checkSecondFactor(db, after1, codes![3]!, SECRET, t4), "wrong");
      assert.equal(await checkSecondFactor(db, after1, codes![3]!, SECRET, t4, { allowRecoveryCode: false }), "wrong");
      assert.equal(await checkSecondFactor(db, after1, codes![4]!, SECRET, t4, { allowRecoveryCode: false }), "wrong");

      // An owner turns it off for a user who lost phone and codes: nothing of it is left, sessions end.
      await removeSecondFactor(db, owner.id);
      const off = (await findUserById(db, owner.id))!;
      assert.equal(off.totpEnabledAt, null);
      assert.equal(off.totpSecret, null);
      assert.equal(off.recoveryCodes, null);
      assert.equal(off.sessionVersion, after1.sessionVersion + 1);
      assert.equal(await checkSecondFactor(db, off, codeFor(secret, t4 + 30_000), SECRET, t4 + 30_000), "wrong");
    });
  });
}
