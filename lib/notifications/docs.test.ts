/**
 * docs/webhooks.md's verification snippet is the file docs/examples/verify-webhook.ts, word for
 * word, and that file verifies a real signed delivery from the deliverer (and refuses a wrong
 * secret, a changed body and an old timestamp).
 */
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { openDatabase, type DbHandle } from "../db/connect";
import { POST, verifyWebhook } from "../../docs/examples/verify-webhook";
import { Deliverer } from "./deliverer";
import { getWebhookSettings, setWebhookUrl } from "./settings";
import { move, seedCheckout, startReceiver, type Receiver } from "../../test/support/notification-harness";

const root = process.cwd();

describe("docs/webhooks.md", () => {
  let handle: DbHandle;
  let receiver: Receiver;
  before(async () => {
    handle = await openDatabase({ memory: true });
    receiver = await startReceiver();
  });
  after(async () => {
    await receiver.close();
    await handle.close();
  });

  it("shows exactly docs/examples/verify-webhook.ts as its TypeScript snippet", () => {
    const doc = readFileSync(join(root, "docs/webhooks.md"), "utf8");
    const blocks = [...doc.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
    assert.equal(blocks.length, 1, "one ts block");
    assert.equal(blocks[0], readFileSync(join(root, "docs/examples/verify-webhook.ts"), "utf8"));
  });

  it("the documented verification accepts a real delivery and refuses forgeries", async () => {
    await setWebhookUrl(handle.db, receiver.url, "sandbox");
    const checkout = await seedCheckout(handle.db, Date.now());
    await move(handle.db, checkout.id, Date.now(), "expired");
    assert.equal(
      (await new Deliverer({ db: handle.db, mode: "sandbox", envUrl: null, log: () => {} }).tick()).delivered,
      1,
    );
    const { body, headers } = receiver.received[0]!;
    const header = String(headers["bitfinex-checkout-signature"]);
    const { secret } = await getWebhookSettings(handle.db, null);

    assert.equal(verifyWebhook(body, header, secret), true);
    assert.equal(JSON.parse(body).livemode, false, "a sandbox event says it is not real");
    assert.equal(verifyWebhook(body, header, "whsec_not_the_secret"), false);
    assert.equal(verifyWebhook(body.replace("checkout.expired", "checkout.paid"), header, secret), false);
    assert.equal(
      verifyWebhook(body, header, secret, 300, Date.now() + 10 * 60_000),
      false,
      "replayed 10 minutes later",
    );
    assert.equal(verifyWebhook(body, null, secret), false);
    assert.equal(verifyWebhook(body, "t=1,v1=zz", secret), false);

    // The example route handler, fed the delivery as a Request.
    process.env.CHECKOUT_WEBHOOK_SECRET = secret;
    try {
      const request = (b: string) =>
        new Request("http://shop.test/api/checkout-webhook", {
          method: "POST",
          body: b,
          headers: { "content-type": "application/json", "bitfinex-checkout-signature": header },
        });
      assert.equal((await POST(request(body))).status, 204);
      assert.equal((await POST(request(body + " "))).status, 400);
      // Without its secret the example refuses to run, rather than verifying with an empty key:
      // a delivery forged with the empty key is never accepted.
      const forged = `t=${Math.floor(Date.now() / 1000)},v1=${createHmac("sha256", "")
        .update(`${Math.floor(Date.now() / 1000)}.${body}`)
        .digest("hex")}`;
      delete process.env.CHECKOUT_WEBHOOK_SECRET;
      const forgedRequest = new Request("http://shop.test/api/checkout-webhook", {
        method: "POST",
        body,
        headers: { "content-type": "application/json", "bitfinex-checkout-signature": forged },
      });
      await assert.rejects(POST(forgedRequest), /CHECKOUT_WEBHOOK_SECRET is not set/);
      process.env.CHECKOUT_WEBHOOK_SECRET = "";
      await assert.rejects(POST(forgedRequest), /CHECKOUT_WEBHOOK_SECRET is not set/);
      assert.throws(() => verifyWebhook(body, forged, ""), /secret is empty/);
    } finally {
      delete process.env.CHECKOUT_WEBHOOK_SECRET;
    }
  });
});
