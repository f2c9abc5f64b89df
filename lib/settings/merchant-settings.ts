/**
 * The merchant's settings, edited in the dashboard and kept in the database (app_state), so
 * every app instance on one PostgreSQL sees the same: default pay currencies and duration,
 * branding, and the origins allowed to frame the checkout. The environment (MERCHANT_NAME,
 * MERCHANT_LOGO_URL, BRAND_COLOR) gives the starting values; a value saved here wins.
 * The webhook URL and its secret live with the notifications (lib/notifications/settings.ts).
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import {
  DEFAULT_PAY_CURRENCIES,
  DURATION_DEFAULT_SECONDS,
  DURATION_MAX_SECONDS,
  DURATION_MIN_SECONDS,
  payCurrenciesSchema,
  type CheckoutDefaults,
} from "../checkouts/validation";
import type { Db } from "../db/connect";
import { appState } from "../db/schema";
import { getConfig } from "../env";
import { embedOriginProblem } from "../net/embed-origin-rules";
import { publishEmbedOrigins } from "./embed-origins";

const SETTINGS_KEY = "merchant_settings";

/**
 * An origin a merchant's site is served from: https:// plus a host name or IP literal and an
 * optional port, nothing else (lib/net/embed-origin-rules.ts: it goes into the CSP header).
 */
export const originSchema = z
  .string()
  .trim()
  .max(200, "must be at most 200 characters")
  .superRefine((value, ctx) => {
    const problem = embedOriginProblem(value, getConfig().mode);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform((value) => new URL(value).origin);

const logoSchema = z
  .string()
  .trim()
  .max(500, "must be at most 500 characters")
  .regex(/^(https:\/\/|\/(?!\/))[^\s"'<>\\]+$/, "must be an https:// URL or a path on this app such as /logo.svg");

export const settingsPatchSchema = z
  .object({
    defaultPayCurrencies: payCurrenciesSchema.nullable().optional(),
    defaultDurationSeconds: z
      .number({ error: "must be a whole number of seconds" })
      .int("must be a whole number of seconds")
      .min(DURATION_MIN_SECONDS, `must be at least ${DURATION_MIN_SECONDS}`)
      .max(DURATION_MAX_SECONDS, `must be at most ${DURATION_MAX_SECONDS}`)
      .nullable()
      .optional(),
    merchantName: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(80, "must be at most 80 characters")
      .nullable()
      .optional(),
    logoUrl: logoSchema.nullable().optional(),
    brandColor: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, "must be a colour such as #16b157")
      .nullable()
      .optional(),
    embedOrigins: z.array(originSchema).max(20, "must list at most 20 origins").optional(),
  })
  .strict();

export interface MerchantSettings {
  defaultPayCurrencies: string[] | null;
  defaultDurationSeconds: number | null;
  merchantName: string | null;
  logoUrl: string | null;
  brandColor: string | null;
  embedOrigins: string[];
}

export const EMPTY_SETTINGS: MerchantSettings = {
  defaultPayCurrencies: null,
  defaultDurationSeconds: null,
  merchantName: null,
  logoUrl: null,
  brandColor: null,
  embedOrigins: [],
};

/** The saved settings; `embedOrigins` falls back to EMBED_ORIGINS until origins are saved. */
export async function readSettings(db: Db): Promise<MerchantSettings> {
  const [row] = await db.select().from(appState).where(eq(appState.key, SETTINGS_KEY)).limit(1);
  const stored = (row?.value ?? {}) as Partial<MerchantSettings>;
  const settings = { ...EMPTY_SETTINGS, embedOrigins: getConfig().embedOrigins, ...stored };
  // Saved before the rules were strict (issue 24): an origin they now refuse (a wildcard) never
  // reaches the CSP header, and the dashboard shows the list without it.
  const mode = getConfig().mode;
  settings.embedOrigins = settings.embedOrigins.filter((o) => typeof o === "string" && !embedOriginProblem(o, mode));
  publishEmbedOrigins(settings.embedOrigins);
  return settings;
}

/** Validates and saves a partial change; null clears a value back to its default. */
export async function updateSettings(db: Db, patch: z.output<typeof settingsPatchSchema>): Promise<MerchantSettings> {
  const next = { ...(await readSettings(db)) };
  for (const [key, value] of Object.entries(patch) as Array<[keyof MerchantSettings, never]>) {
    if (value !== undefined) next[key] = value;
  }
  if (next.embedOrigins) next.embedOrigins = [...new Set(next.embedOrigins)];
  await db
    .insert(appState)
    .values({ key: SETTINGS_KEY, value: next, updatedAt: new Date() })
    .onConflictDoUpdate({ target: appState.key, set: { value: next, updatedAt: new Date() } });
  publishEmbedOrigins(next.embedOrigins);
  return next;
}

/** The defaults a new checkout gets for fields the request leaves out. */
export function checkoutDefaults(settings: MerchantSettings): CheckoutDefaults {
  return {
    payCurrencies: settings.defaultPayCurrencies ?? DEFAULT_PAY_CURRENCIES,
    duration: settings.defaultDurationSeconds ?? DURATION_DEFAULT_SECONDS,
  };
}
