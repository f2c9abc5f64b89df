/**
 * The dashboard's signed-link form: the API's fields, with the expiry as "valid for N hours" (a
 * merchant thinks in hours, the link carries Unix seconds). Signed exactly as the API signs.
 */
import { z } from "zod";
import type { Db } from "../db/connect";
import { parseInput } from "../errors/api-error";
import { linkSigningSecret, signedLinkQuery, signedLinkSchema } from "./signed-links";

const MAX_HOURS = 24 * 365;

const formSchema = z
  .object({
    amount: z.unknown(),
    currency: z.unknown(),
    orderId: z.unknown(),
    description: z.unknown().optional(),
    payCurrencies: z.unknown().optional(),
    expiresInHours: z
      .number({ error: "must be a number of hours" })
      .int("must be a whole number of hours")
      .min(1, "must be at least 1 hour")
      .max(MAX_HOURS, `must be at most ${MAX_HOURS} hours (a year)`)
      .optional(),
  })
  .strict();

export async function dashboardSignedLink(
  db: Db,
  config: { appUrl: string; linkSigningSecret: string | null },
  body: unknown,
  now: number,
) {
  const form = parseInput(formSchema, body);
  const { expiresInHours, ...fields } = form;
  const exp = expiresInHours ? Math.floor(now / 1000) + expiresInHours * 3600 : undefined;
  const parsed = parseInput(signedLinkSchema, { ...fields, ...(exp && { exp }) });
  const secret = await linkSigningSecret(db, config.linkSigningSecret);
  return {
    url: `${config.appUrl}/s?${signedLinkQuery(secret, parsed)}`,
    ...parsed,
    expiresAt: exp ? new Date(exp * 1000).toISOString() : null,
  };
}
