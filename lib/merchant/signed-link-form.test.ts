import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { openDatabase, type DbHandle } from "../db/connect";
import { ApiError } from "../errors/api-error";
import { dashboardSignedLink } from "./signed-link-form";
import { verifySignedLink } from "./signed-links";

describe("signed links made in the dashboard", () => {
  let handle: DbHandle;
  before(async () => {
    handle = await openDatabase({ memory: true });
  });
  after(async () => {
    await handle.close();
  });
  const config = { appUrl: "https://pay.example", linkSigningSecret: "s".repeat(32) };
  const now = Date.UTC(2030, 0, 1);

  it("signs amount, currency, order id and an expiry N hours from now, as the API would", async () => {
    const link = await dashboardSignedLink(
      handle.db,
      config,
      { amount: "25.00", currency: "EUR", orderId: "INV-9", expiresInHours: 48 },
      now,
    );
    assert.equal(link.expiresAt, "2030-01-03T00:00:00.000Z");
    const query = new URL(link.url).searchParams;
    const ok = verifySignedLink(config.linkSigningSecret, query, now / 1000 + 3600);
    assert.ok(ok.ok && ok.params.amount === "25.00" && ok.params.orderId === "INV-9");
    assert.deepEqual(verifySignedLink(config.linkSigningSecret, query, now / 1000 + 48 * 3600), {
      ok: false,
      reason: "expired",
    });
  });

  it("refuses a bad field by name", async () => {
    for (const [body, field] of [
      [{ amount: "25.001", currency: "EUR", orderId: "A" }, "amount"],
      [{ amount: "25", currency: "EUR", orderId: "A", expiresInHours: 0 }, "expiresInHours"],
      [{ amount: "25", currency: "XXX", orderId: "A" }, "currency"],
      [{ amount: "25", currency: "EUR", orderId: "A", exp: 1 }, "exp"],
    ] as const) {
      await assert.rejects(
        dashboardSignedLink(handle.db, config, body, now),
        (e: unknown) => e instanceof ApiError && e.field === field,
        JSON.stringify(body),
      );
    }
  });
});
