/**
 * The merchant's webhook endpoint and signing secret, kept in `app_state` so the dashboard can
 * change them at run time and every instance sees the change. MERCHANT_WEBHOOK_URL gives the URL
 * until one is stored; a stored value, even "none", wins from then on (the dashboard's choice is
 * not undone by a restart). The secret is made on first use and only ever shown to the merchant,
 * unless MERCHANT_WEBHOOK_SECRET gives it: then configuration owns it (a rotation here would be
 * undone by the next restart and break the receivers configured with the same value), so it
 * cannot be rotated from the dashboard or the API.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { base32nopad } from "@scure/base";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/connect";
import { appState } from "../db/schema";
import type { Mode } from "../env";
import { ApiError } from "../errors/api-error";
import { webhookUrlProblem } from "../net/webhook-url-rules";

const URL_KEY = "webhook_url";
const SECRET_KEY = "webhook_secret";

export interface WebhookSettings {
  /** Where notifications go; null: nowhere yet (events wait, pending, until a URL is set). */
  url: string | null;
  /** Where the URL comes from: set in the dashboard, MERCHANT_WEBHOOK_URL, or neither. */
  urlSource: "stored" | "environment" | "none";
  secret: string;
  /** "environment": MERCHANT_WEBHOOK_SECRET (not rotatable here); "stored": made by the app. */
  secretSource: "environment" | "stored";
}

async function read<T>(db: Db, key: string): Promise<T | undefined> {
  const [row] = await db.select({ value: appState.value }).from(appState).where(eq(appState.key, key)).limit(1);
  return row?.value as T | undefined;
}

async function write(db: Db, key: string, value: unknown): Promise<void> {
  await db
    .insert(appState)
    .values({ key, value })
    .onConflictDoUpdate({ target: appState.key, set: { value, updatedAt: sql`now()` } });
}

/** The webhook URL only (no secret is created): what the deliverer and health check need. */
export async function getWebhookUrl(
  db: Db,
  envUrl: string | null,
): Promise<Pick<WebhookSettings, "url" | "urlSource">> {
  const stored = await read<{ url: string | null }>(db, URL_KEY);
  if (stored) return { url: stored.url, urlSource: "stored" };
  return envUrl ? { url: envUrl, urlSource: "environment" } : { url: null, urlSource: "none" };
}

function makeSecret(): string {
  return `whsec_${base32nopad.encode(randomBytes(20)).toLowerCase()}`; // 32 characters, 160 bits
}

/**
 * The signing secret: MERCHANT_WEBHOOK_SECRET when set, else the stored one, created on first use
 * (instances racing to create it all end with the same one).
 */
export async function webhookSecret(db: Db, envSecret: string | null = null): Promise<string> {
  if (envSecret) return envSecret;
  const stored = await read<{ secret: string }>(db, SECRET_KEY);
  if (stored) return stored.secret;
  await db
    .insert(appState)
    .values({ key: SECRET_KEY, value: { secret: makeSecret() } })
    .onConflictDoNothing();
  return (await read<{ secret: string }>(db, SECRET_KEY))!.secret;
}

export async function getWebhookSettings(
  db: Db,
  envUrl: string | null,
  envSecret: string | null = null,
): Promise<WebhookSettings> {
  const [url, secret] = await Promise.all([getWebhookUrl(db, envUrl), webhookSecret(db, envSecret)]);
  return { ...url, secret, secretSource: envSecret ? "environment" : "stored" };
}

/**
 * A new signing secret, effective for the next delivery. The old one stops working at once: the
 * merchant updates their endpoint's copy right after rotating (deliveries that fail meanwhile
 * are retried). Refused (409) while MERCHANT_WEBHOOK_SECRET gives the secret.
 */
export async function rotateWebhookSecret(db: Db, envSecret: string | null = null): Promise<string> {
  if (envSecret) {
    throw new ApiError({
      code: "secret_from_configuration",
      message:
        "The webhook signing secret is set by MERCHANT_WEBHOOK_SECRET; change it there (and in your receiver), then restart the app.",
    });
  }
  const secret = makeSecret();
  await write(db, SECRET_KEY, { secret });
  return secret;
}

/** Stores the webhook URL (null: send nowhere). Throws a 422 ApiError naming `url` when it is not acceptable. */
export async function setWebhookUrl(db: Db, url: string | null, mode: Mode, allowPrivate = false): Promise<void> {
  if (url !== null) {
    const problem = webhookUrlProblem(url, mode, allowPrivate);
    if (problem) throw new ApiError({ code: "invalid_field", message: `url: ${problem}`, field: "url" });
  }
  await write(db, URL_KEY, { url });
}
