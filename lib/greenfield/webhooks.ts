/**
 * Greenfield webhooks (`stores/{s}/webhooks[/{id}]`): where the plugin wants invoice events, and
 * the secret their `BTCPay-Sig` is made with. Deliveries are written by the checkout outbox
 * (lib/checkouts/outbox.ts, channel "greenfield") and sent and retried by lib/notifications;
 * this module also writes their body and signature.
 */
import { createHmac, randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { GREENFIELD_EVENT_TYPES } from "../checkouts/greenfield-events";
import { urlSchema } from "../checkouts/validation";
import type { Db } from "../db/connect";
import { greenfieldWebhooks, notificationEvents, type NotificationPayload } from "../db/schema";
import { newId } from "../ids";
import { isId } from "../ids";
import { validation, webhookNotFound } from "./errors";
import { STORE_ID } from "./facts";

type WebhookRow = typeof greenfieldWebhooks.$inferSelect;

const schema = z.object({
  url: z.string({ error: "is required" }).nullish(),
  enabled: z.boolean({ error: "must be true or false" }).nullish(),
  automaticRedelivery: z.boolean({ error: "must be true or false" }).nullish(),
  authorizedEvents: z
    .object({
      everything: z.boolean({ error: "must be true or false" }).nullish(),
      specificEvents: z.array(z.string(), { error: "must be a list of event types" }).nullish(),
    })
    .nullish(),
  secret: z.string({ error: "must be a string" }).nullish(),
});

function parse(body: unknown, mode: "sandbox" | "live") {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw validation(parsed.error.issues.map((i) => ({ path: i.path.join(".") || "body", message: i.message })));
  const b = parsed.data;
  const problems: Array<{ path: string; message: string }> = [];
  if (!b.url) problems.push({ path: "url", message: "is required" });
  else {
    const u = urlSchema(mode).safeParse(b.url);
    if (!u.success) problems.push({ path: "url", message: u.error.issues[0]!.message });
  }
  const specific = b.authorizedEvents?.specificEvents ?? [];
  const unknown = specific.filter((e) => !(GREENFIELD_EVENT_TYPES as readonly string[]).includes(e));
  if (unknown.length > 0)
    problems.push({
      path: "authorizedEvents.specificEvents",
      message: `${unknown.join(", ")} not supported; events sent here: ${GREENFIELD_EVENT_TYPES.join(", ")}`,
    });
  if (b.secret !== undefined && b.secret !== null && (b.secret.length < 1 || b.secret.length > 200))
    problems.push({ path: "secret", message: "must be 1 to 200 characters" });
  if (problems.length > 0) throw validation(problems);
  return {
    url: b.url!,
    enabled: b.enabled ?? true,
    automaticRedelivery: b.automaticRedelivery ?? true,
    everything: b.authorizedEvents?.everything ?? specific.length === 0,
    specificEvents: specific,
    secret: b.secret ?? null,
  };
}

/** WebhookData (swagger); `secret` only in the answer to a create, as BTCPay does. */
export function webhookView(row: WebhookRow, withSecret = false) {
  return {
    id: row.id,
    enabled: row.enabled,
    automaticRedelivery: row.automaticRedelivery,
    url: row.url,
    authorizedEvents: { everything: row.everything, specificEvents: row.specificEvents },
    ...(withSecret && { secret: row.secret }),
  };
}

/** BTCPay makes a random secret when none is given (base58 in BTCPay; any long random string verifies the same). */
const newSecret = () => randomBytes(24).toString("base64url");

export async function createWebhook(db: Db, body: unknown, mode: "sandbox" | "live", now: number) {
  const w = parse(body, mode);
  const [row] = await db
    .insert(greenfieldWebhooks)
    .values({ ...w, id: newId("wh"), secret: w.secret ?? newSecret(), createdAt: new Date(now) })
    .returning();
  return webhookView(row!, true);
}

export async function listWebhooks(db: Db) {
  const rows = await db.select().from(greenfieldWebhooks).orderBy(greenfieldWebhooks.createdAt);
  return rows.map((r) => webhookView(r));
}

async function find(db: Db, id: string): Promise<WebhookRow> {
  if (!isId(id, "wh")) throw webhookNotFound();
  const [row] = await db.select().from(greenfieldWebhooks).where(eq(greenfieldWebhooks.id, id)).limit(1);
  if (!row) throw webhookNotFound();
  return row;
}

export async function getWebhook(db: Db, id: string) {
  return webhookView(await find(db, id));
}

/** PUT: every field as given; a null or absent `secret` keeps the one it has. */
export async function updateWebhook(db: Db, id: string, body: unknown, mode: "sandbox" | "live") {
  await find(db, id);
  const { secret, ...w } = parse(body, mode);
  const [row] = await db
    .update(greenfieldWebhooks)
    .set({ ...w, ...(secret !== null && { secret }) })
    .where(eq(greenfieldWebhooks.id, id))
    .returning();
  return webhookView(row!);
}

/** DELETE: the webhook and its deliveries not yet made (they would have no secret to be signed with). */
export async function deleteWebhook(db: Db, id: string): Promise<void> {
  await find(db, id);
  await db.transaction(async (tx) => {
    await tx
      .update(notificationEvents)
      .set({ status: "failed", lastError: "webhook deleted", claimToken: null, claimedUntil: null })
      .where(
        and(
          eq(notificationEvents.channel, "greenfield"),
          eq(notificationEvents.status, "pending"),
          sql`${notificationEvents.payload} -> 'data' ->> 'webhookId' = ${id}`,
        ),
      );
    await tx.delete(greenfieldWebhooks).where(eq(greenfieldWebhooks.id, id));
  });
}

export async function webhookForDelivery(db: Db, id: string): Promise<WebhookRow | null> {
  const [row] = await db.select().from(greenfieldWebhooks).where(eq(greenfieldWebhooks.id, id)).limit(1);
  return row ?? null;
}

interface StoredGreenfieldEvent {
  webhookId: string;
  greenfield: { type: string; invoiceId: string; metadata: unknown; extras: Record<string, unknown> };
}

/**
 * The delivery body, from the stored event: the same bytes on every attempt. Fields of BTCPay's
 * WebhookInvoiceEvent: deliveryId (our event id), webhookId, originalDeliveryId, isRedelivery,
 * type, timestamp (Unix seconds), storeId, invoiceId, metadata, then the type's own fields.
 */
export function greenfieldWebhookBody(
  eventId: string,
  payload: NotificationPayload,
): { webhookId: string; body: string } {
  const data = payload.data as unknown as StoredGreenfieldEvent;
  const g = data.greenfield;
  return {
    webhookId: data.webhookId,
    body: JSON.stringify({
      deliveryId: eventId,
      webhookId: data.webhookId,
      originalDeliveryId: eventId,
      isRedelivery: false,
      type: g.type,
      timestamp: Math.floor(Date.parse(payload.created) / 1000),
      storeId: STORE_ID,
      invoiceId: g.invoiceId,
      metadata: g.metadata,
      ...g.extras,
    }),
  };
}

/** `BTCPay-Sig: sha256=<hex HMAC-SHA256(secret, raw body)>`. */
export function btcpaySig(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}
