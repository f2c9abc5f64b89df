/**
 * E-mail end to end against a real SMTP server on 127.0.0.1: checkouts move through the real
 * repository (their events come from the real outbox write), the watcher decides what to write,
 * the sender delivers through nodemailer, and the messages are parsed as a mail client would.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { dbTargets } from "../../../test/support/checkout-harness";
import { APP_URL, move, seedCheckout } from "../../../test/support/notification-harness";
import { startSmtp, type TestSmtp } from "../../../test/support/smtp-server";
import type { DbHandle } from "../../db/connect";
import { checkoutRefunds, mailOutbox, notificationEvents } from "../../db/schema";
import type { GoLiveReport } from "../../rail-health/go-live";
import { parseConfig } from "../../env";
import { findCheckout } from "../../checkouts/repository";
import { queueAlert } from "./queue";
import { MailSender, smtpTransport } from "./sender";
import { updateMailSettings } from "./settings";
import { alertMail } from "./templates";
import { MailWatcher } from "./watcher";

const customerInfo = {
  nationality: "DE",
  residCountry: "DE",
  residCity: "Berlin",
  residZipCode: "10115",
  residStreet: "Unter den Linden 1",
  fullName: "Erika Mustermann",
  email: "erika@kunde.example",
};

for (const [dbName, openDb, { it, before, after }] of dbTargets()) {
  describe(`e-mail on ${dbName}`, () => {
    let handle: DbHandle;
    let smtp: TestSmtp;
    let clock = Date.now();
    let watcher: MailWatcher;
    let sender: MailSender;
    const logged: string[] = [];
    before(async () => {
      handle = await openDb();
      smtp = await startSmtp();
      watcher = new MailWatcher({
        db: handle.db,
        mode: "live",
        appUrl: APP_URL,
        envAlertsTo: null,
        merchantName: async () => "Mug Co",
        now: () => clock,
      });
      sender = new MailSender({
        db: handle.db,
        transport: smtpTransport(smtp.url),
        from: "Mug Co <checkout@mug.example>",
        now: () => clock,
        random: () => 0.5,
        log: (l) => logged.push(l),
      });
      // The first round sets the cursor after the (no) events already there.
      await watcher.tick();
    });
    after(async () => {
      await sender.stop();
      await smtp.close();
      await handle.close();
    });

    it("without an alert address or with receipts off, a checkout that needs attention writes no e-mail", async () => {
      const c = await seedCheckout(handle.db, clock, {
        type: "ECOMMERCE",
        customerInfo,
        amountPaid: "0.0004",
        amountDue: "0.001",
        payCurrency: "BTC",
      });
      await move(handle.db, c.id, clock, "underpaid");
      await move(handle.db, c.id, clock, "expired");
      const paid = await seedCheckout(handle.db, clock, { type: "ECOMMERCE", customerInfo });
      await move(handle.db, paid.id, clock, "paid");
      assert.equal(await watcher.tick(), 0);
      assert.equal((await handle.db.select().from(mailOutbox)).length, 0);
    });

    it("an underpaid checkout at expiry e-mails the merchant once, with a link to it in the dashboard", async () => {
      await updateMailSettings(handle.db, { alertsTo: "owner@mug.example" }, null);
      const c = await seedCheckout(handle.db, clock, {
        orderId: "order-under-1",
        amountPaid: "0.0004",
        amountDue: "0.001",
        payCurrency: "BTC",
      });
      await move(handle.db, c.id, clock, "underpaid");
      await move(handle.db, c.id, clock, "expired");
      assert.equal(await watcher.tick(), 1);
      assert.equal(await watcher.tick(), 0, "the same events are not read twice");
      const before = smtp.received.length;
      assert.deepEqual(await sender.tick(), { claimed: 1, sent: 1, retrying: 0, failed: 0 });
      const [mail] = (await smtp.waitFor(before + 1)).slice(before);
      assert.equal(mail!.subject, "Mug Co checkout: Underpaid at expiry: order order-under-1");
      assert.equal(mail!.from?.text, '"Mug Co" <checkout@mug.example>');
      assert.equal((mail!.to as { text: string }).text, "owner@mug.example");
      const link = `${APP_URL}/dashboard/checkouts/${c.id}`;
      assert.match(mail!.text!, /only 0\.0004 BTC of 0\.001 BTC paid/);
      assert.ok(mail!.text!.includes(link), mail!.text);
      assert.ok(String(mail!.html).includes(`href="${link}"`));
      assert.equal(mail!.headers.get("auto-submitted"), "auto-generated");
    });

    it("at most one e-mail per problem per hour, however many instances ask", async () => {
      const build = () =>
        alertMail({ merchant: "Mug Co", title: "t", lines: [], dashboardUrl: APP_URL, sandbox: false });
      const results = await Promise.all(
        [1, 2, 3].map(() => queueAlert(handle.db, "webhooks_failing", "owner@mug.example", build, clock)),
      );
      assert.deepEqual(
        results.filter(Boolean).length,
        1,
        `one of three concurrent askers queues it: ${JSON.stringify(results)}`,
      );
      assert.equal(
        await queueAlert(handle.db, "webhooks_failing", "owner@mug.example", build, clock + 59 * 60_000),
        false,
      );
      assert.equal(
        await queueAlert(handle.db, "webhooks_failing", "owner@mug.example", build, clock + 60 * 60_000),
        true,
      );
      await handle.db.delete(mailOutbox).where(eq(mailOutbox.problem, "webhooks_failing"));
    });

    it("a German customer's receipt: their language, a text part and plain HTML, sent once", async () => {
      await updateMailSettings(handle.db, { receipts: true }, null);
      const c = await seedCheckout(handle.db, clock, {
        type: "ECOMMERCE",
        orderId: "A-1001",
        amount: "25",
        currency: "EUR",
        customerInfo,
        locale: "de",
        amountPaid: "0.00031",
        payCurrency: "BTC",
        paidAt: new Date(Date.UTC(2026, 11, 6, 2, 30)),
      });
      await move(handle.db, c.id, clock, "paid");
      assert.equal(await watcher.tick(), 1);
      const before = smtp.received.length;
      await sender.tick();
      const [mail] = (await smtp.waitFor(before + 1)).slice(before);
      assert.equal(mail!.subject, "Quittung von Mug Co für Bestellung A-1001");
      assert.equal((mail!.to as { text: string }).text, "erika@kunde.example");
      assert.equal(mail!.headers.get("content-language"), "de");
      assert.match(mail!.text!, /^Vielen Dank für Ihre Zahlung\./);
      assert.match(mail!.text!, /Betrag: 25,00\s€/);
      assert.match(mail!.text!, /Bezahlt: 0\.00031 BTC/);
      assert.ok(mail!.text!.includes(`${APP_URL}/pay/${c.id}/receipt`));
      const html = String(mail!.html);
      assert.match(html, /<html lang="de-DE" dir="ltr">/);
      assert.match(html, /<th scope="row"[^>]*>Betrag<\/th><td[^>]*>25,00\s€<\/td>/);
      assert.doesNotMatch(html, /<img|<script/);
      // A second paid event for the same checkout (it cannot happen today) would not send a second receipt.
      const again = await handle.db.select().from(mailOutbox).where(eq(mailOutbox.checkoutId, c.id));
      assert.equal(again.length, 1);
    });

    it("SMTP down: the payment goes through at once, the receipt waits in the outbox and is sent when SMTP is back", async () => {
      await smtp.down();
      const c = await seedCheckout(handle.db, clock, { type: "ECOMMERCE", customerInfo, locale: "fr" });
      const paid = await move(handle.db, c.id, clock, "paid");
      assert.equal(paid.state, "paid");
      assert.equal((await findCheckout(handle.db, c.id))!.state, "paid");
      assert.equal(await watcher.tick(), 1);
      assert.deepEqual(await sender.tick(), { claimed: 1, sent: 0, retrying: 1, failed: 0 });
      const [row] = await handle.db.select().from(mailOutbox).where(eq(mailOutbox.checkoutId, c.id));
      assert.equal(row!.status, "pending");
      assert.equal(row!.attempts, 1);
      assert.match(row!.lastError!, /ECONNREFUSED/);
      assert.equal(row!.nextAttemptAt.getTime(), clock + 30_000);
      assert.ok(logged.some((l) => l.includes(row!.id) && l.includes("…@kunde.example") && !l.includes("erika")));
      await smtp.up();
      assert.deepEqual(await sender.tick(), { claimed: 0, sent: 0, retrying: 0, failed: 0 }, "not before its time");
      clock += 30_000;
      const before = smtp.received.length;
      assert.deepEqual(await sender.tick(), { claimed: 1, sent: 1, retrying: 0, failed: 0 });
      const [mail] = (await smtp.waitFor(before + 1)).slice(before);
      assert.match(mail!.subject!, /^Reçu de Mug Co pour la commande /);
      const [sent] = await handle.db.select().from(mailOutbox).where(eq(mailOutbox.checkoutId, c.id));
      assert.equal(sent!.status, "sent");
    });

    it("standing problems: webhooks failing an hour, a refund of unknown outcome, a failing go-live check; each once an hour", async () => {
      // Past the hour of the earlier test's "webhooks_failing".
      clock += 3 * 3600_000;
      const t0 = clock;
      const c = await seedCheckout(handle.db, t0 - 2 * 3600_000, { orderId: "order-stuck" });
      await move(handle.db, c.id, t0 - 2 * 3600_000, "expired");
      // Its event: tried for more than an hour, still not delivered (the merchant's endpoint is down).
      await handle.db
        .update(notificationEvents)
        .set({ attempts: 6, firstAttemptAt: new Date(t0 - 61 * 60_000), nextAttemptAt: new Date(t0 + 600_000) })
        .where(eq(notificationEvents.checkoutId, c.id));
      await handle.db.insert(checkoutRefunds).values({
        id: "re_unknownrefund000000000000",
        checkoutId: c.id,
        status: "unknown",
        amount: "0.001",
        currency: "BTC",
        payCurrency: "BTC",
        kind: "full",
        address: "bc1qexample",
        requestedBy: "dashboard",
      });
      const goLive: GoLiveReport = {
        checkedAt: new Date(t0).toISOString(),
        permissions: { status: "ok", missing: [], problem: null },
        depositAddresses: {
          status: "missing",
          ready: ["BTC"],
          missing: [{ payCurrency: "UST-TRX", method: "TETHERUSX", reason: "the method is disabled for this account" }],
          pending: [],
        },
      };
      const standing = new MailWatcher({
        db: handle.db,
        mode: "live",
        appUrl: APP_URL,
        envAlertsTo: null,
        merchantName: async () => "Mug Co",
        goLive: () => goLive,
        now: () => clock,
      });
      await standing.tick();
      const before = smtp.received.length;
      await sender.tick();
      const mails = (await smtp.waitFor(before + 3)).slice(before);
      const bySubject = new Map(mails.map((m) => [m.subject, m]));
      const webhooks = bySubject.get("Mug Co checkout: Webhooks have been failing for an hour");
      assert.ok(webhooks, [...bySubject.keys()].join(" | "));
      assert.ok(webhooks.text!.includes(`${APP_URL}/dashboard/webhooks`));
      const refund = bySubject.get("Mug Co checkout: A refund's outcome is unknown");
      assert.ok(refund);
      assert.ok(refund.text!.includes(`${APP_URL}/dashboard/checkouts/${c.id}`));
      const live = bySubject.get("Mug Co checkout: A go-live check is failing");
      assert.ok(live);
      assert.match(live.text!, /No deposit address for UST-TRX \(TETHERUSX\): the method is disabled/);
      assert.ok(live.text!.includes(`${APP_URL}/dashboard/health`));
      // Still standing ten minutes later: nothing new. An hour later: said again.
      clock = t0 + 10 * 60_000;
      assert.equal(await standing.tick(), 0);
      clock = t0 + 60 * 60_000;
      assert.equal(await standing.tick(), 3);
    });
  });
}

describe("e-mail configuration", () => {
  it("no SMTP_URL: no e-mail at all (the services start no mail worker)", () => {
    assert.equal(parseConfig({}).mail, null);
  });
  it("SMTP_URL needs MAIL_FROM, and both are checked, naming the variable", () => {
    assert.throws(() => parseConfig({ SMTP_URL: "smtp://mail.example:587" }), /MAIL_FROM is required with SMTP_URL/);
    assert.throws(
      () => parseConfig({ SMTP_URL: "http://mail.example", MAIL_FROM: "a@b.example" }),
      /SMTP_URL must be an smtp/,
    );
    assert.throws(
      () => parseConfig({ SMTP_URL: "smtp://m.example", MAIL_FROM: "nobody" }),
      /MAIL_FROM must be an e-mail address/,
    );
    assert.deepEqual(
      parseConfig({
        SMTP_URL: "smtps://u:p@m.example:465",
        MAIL_FROM: "Mug Co <c@mug.example>",
        MAIL_ALERTS_TO: "o@mug.example",
      }).mail,
      { smtpUrl: "smtps://u:p@m.example:465", from: "Mug Co <c@mug.example>", alertsTo: "o@mug.example" },
    );
  });
});
