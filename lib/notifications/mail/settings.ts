/**
 * The dashboard's e-mail settings, kept in `app_state` so every instance sees a change: where
 * merchant alerts go (MAIL_ALERTS_TO until an address is saved; a saved value, even none, wins)
 * and whether paying customers get a receipt (off until the merchant turns it on).
 */
import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connect";
import { appState } from "../../db/schema";

const KEY = "mail_settings";

export interface MailSettings {
  alertsTo: string | null;
  alertsToSource: "stored" | "environment" | "none";
  receipts: boolean;
}

interface Stored {
  /** Absent: never saved (the environment's address applies). */
  alertsTo?: string | null;
  receipts?: boolean;
}

export const mailSettingsPatchSchema = z
  .object({
    alertsTo: z
      .string()
      .trim()
      .max(254, "must be at most 254 characters")
      .email("must be one e-mail address such as you@shop.example")
      .nullable()
      .optional(),
    receipts: z.boolean().optional(),
  })
  .strict();

export async function getMailSettings(db: Db, envAlertsTo: string | null): Promise<MailSettings> {
  const [row] = await db.select({ value: appState.value }).from(appState).where(eq(appState.key, KEY)).limit(1);
  const stored = (row?.value ?? {}) as Stored;
  const alerts: Pick<MailSettings, "alertsTo" | "alertsToSource"> =
    stored.alertsTo !== undefined
      ? { alertsTo: stored.alertsTo, alertsToSource: "stored" }
      : envAlertsTo
        ? { alertsTo: envAlertsTo, alertsToSource: "environment" }
        : { alertsTo: null, alertsToSource: "none" };
  return { ...alerts, receipts: stored.receipts === true };
}

export async function updateMailSettings(
  db: Db,
  patch: z.output<typeof mailSettingsPatchSchema>,
  envAlertsTo: string | null,
): Promise<MailSettings> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ value: appState.value })
      .from(appState)
      .where(eq(appState.key, KEY))
      .for("update")
      .limit(1);
    const next: Stored = { ...((row?.value ?? {}) as Stored) };
    if (patch.alertsTo !== undefined) next.alertsTo = patch.alertsTo || null;
    if (patch.receipts !== undefined) next.receipts = patch.receipts;
    await tx
      .insert(appState)
      .values({ key: KEY, value: next })
      .onConflictDoUpdate({ target: appState.key, set: { value: next, updatedAt: sql`now()` } });
  });
  return getMailSettings(db, envAlertsTo);
}
