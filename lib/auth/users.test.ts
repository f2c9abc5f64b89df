import assert from "node:assert/strict";
import { describe } from "node:test";
import { dbTargets } from "../../test/support/checkout-harness";
import type { DbHandle } from "../db/connect";
import { parseConfig } from "../env";
import { ApiError } from "../errors/api-error";
import { hashPassword } from "./password";
import {
  addUser,
  authenticatePassword,
  changeRole,
  ensureFirstOwner,
  findUserById,
  findUserByLogin,
  removeUser,
  setPassword,
  userForGitHub,
} from "./users";

const code = (c: string) => (e: unknown) => e instanceof ApiError && e.code === c;

for (const [name, open, { it, after }] of dbTargets()) {
  describe(`dashboard users (${name})`, () => {
    const handles: DbHandle[] = [];
    after(() => Promise.all(handles.map((h) => h.close())));
    const fresh = async () => {
      const h = await open();
      handles.push(h);
      return h.db;
    };

    it("the sandbox admin becomes the first owner and signs in with `sandbox` as before; nobody else does", async () => {
      const db = await fresh();
      const config = parseConfig({});
      await ensureFirstOwner(db, config);
      await ensureFirstOwner(db, config); // twice is once
      const owner = await authenticatePassword(db, config, " Admin ", "sandbox");
      assert.equal(owner?.role, "owner");
      assert.equal(owner?.login, "admin");
      assert.equal(await authenticatePassword(db, config, "admin", "wrong"), null);
      assert.equal(await authenticatePassword(db, config, "nobody", "sandbox"), null);
    });

    it("ADMIN_PASSWORD_HASH is the first owner's password until an owner sets one; then only the new one", async () => {
      const db = await fresh();
      const config = parseConfig({
        ADMIN_PASSWORD_HASH: await hashPassword("from the environment"),
        ADMIN_USERNAME: "Boss",
      });
      await ensureFirstOwner(db, config);
      const owner = await authenticatePassword(db, config, "boss", "from the environment");
      assert.ok(owner);
      const before = owner.sessionVersion;
      assert.equal(await setPassword(db, owner.id, "a brand new password"), true);
      assert.equal(await authenticatePassword(db, config, "boss", "from the environment"), null);
      const again = await authenticatePassword(db, config, "boss", "a brand new password");
      assert.equal(again?.sessionVersion, before + 1, "a new password ends the old sessions");
    });

    it("adds a cashier with a password; a role change or removal ends their sessions; the last owner stays", async () => {
      const db = await fresh();
      const config = parseConfig({});
      await ensureFirstOwner(db, config);
      const owner = (await findUserByLogin(db, "admin"))!;
      const cashier = await addUser(db, {
        name: "Till 1",
        login: "Till1",
        password: "long enough pass",
        role: "cashier",
      });
      assert.equal(cashier.login, "till1");
      assert.notEqual(cashier.passwordHash, "long enough pass");
      assert.equal((await authenticatePassword(db, config, "till1", "long enough pass"))?.id, cashier.id);
      await assert.rejects(
        addUser(db, { name: "x", login: "till1", password: "long enough pass", role: "cashier" }),
        code("invalid_field"),
      );
      await assert.rejects(
        addUser(db, { name: "x", login: "short", password: "short", role: "cashier" }),
        (e) => e instanceof ApiError && e.field === "password",
      );
      await assert.rejects(
        addUser(db, { name: "x", login: "nopass", role: "cashier" }),
        (e) => e instanceof ApiError && e.field === "password",
      );
      await assert.rejects(
        addUser(db, { name: "x", login: "bad login!", password: "long enough pass", role: "cashier" }),
        (e) => e instanceof ApiError && e.field === "login",
      );

      assert.deepEqual(await changeRole(db, cashier.id, "owner"), { from: "cashier", to: "owner" });
      assert.equal((await findUserById(db, cashier.id))?.sessionVersion, cashier.sessionVersion + 1);
      assert.deepEqual(await changeRole(db, cashier.id, "cashier"), { from: "owner", to: "cashier" });

      await assert.rejects(removeUser(db, owner.id), code("last_owner"));
      await assert.rejects(changeRole(db, owner.id, "cashier"), code("last_owner"));
      assert.equal((await removeUser(db, cashier.id))?.id, cashier.id);
      assert.equal(await findUserById(db, cashier.id), null);
      assert.equal(await authenticatePassword(db, config, "till1", "long enough pass"), null);
      assert.equal(await removeUser(db, cashier.id), null);
    });

    it("GitHub: the allowed ids are the first owner; a login an owner entered is pinned to its id at first sign-in", async () => {
      const db = await fresh();
      const config = parseConfig({ GITHUB_ID: "id", GITHUB_SECRET: "secret", GITHUB_ALLOWED_USER_IDS: "1001" });
      assert.equal((await userForGitHub(db, config, { id: "1001", login: "whoever" }))?.role, "owner");
      const bob = await addUser(db, { name: "Bob", login: "bob", githubLogin: "Bob-GH", role: "cashier" });
      assert.equal((await userForGitHub(db, config, { id: "2002", login: "bob-gh" }))?.id, bob.id);
      // Bob renames his account; someone else registers "bob-gh": they do not get in.
      assert.equal(await userForGitHub(db, config, { id: "3003", login: "bob-gh" }), null);
      assert.equal((await userForGitHub(db, config, { id: "2002", login: "bob-renamed" }))?.id, bob.id);
      assert.equal(await userForGitHub(db, config, { id: "not-a-number", login: "bob-gh" }), null);
    });
  });
}
