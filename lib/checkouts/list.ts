/**
 * The merchant's checkout list: filters by state, order id and creation date, newest first,
 * with an opaque cursor (stable under inserts, unlike page numbers).
 */
import { and, desc, eq, gte, ilike, inArray, lt, lte, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/connect";
import { checkouts } from "../db/schema";
import { parseInput } from "../errors/api-error";
import type { CheckoutRow } from "../db/schema";
import { CHECKOUT_STATES } from "./state-machine";
import { orderIdSchema } from "./validation";

const isoDate = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time such as 2026-01-31T00:00:00Z" });

const cursorSchema = z
  .string()
  .max(200)
  .transform((raw, ctx) => {
    try {
      const v = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as { t: string; id: string };
      if (typeof v.t !== "string" || typeof v.id !== "string" || Number.isNaN(Date.parse(v.t))) throw new Error();
      return v;
    } catch {
      ctx.addIssue({ code: "custom", message: "is not a cursor this API returned" });
      return z.NEVER;
    }
  });

/** The list's query parameters (also described in the OpenAPI document). */
export const listQuerySchema = z
  .object({
    state: z
      .string()
      .transform((s) => s.split(","))
      .pipe(
        z.array(
          z.enum(CHECKOUT_STATES, {
            error: `must be one or more of ${CHECKOUT_STATES.join(", ")}, separated by commas`,
          }),
        ),
      )
      .optional(),
    orderId: orderIdSchema.optional(),
    /** Part of a checkout id or an order id, any case (the dashboard's search box). */
    search: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters").optional(),
    createdFrom: isoDate.optional(),
    createdTo: isoDate.optional(),
    limit: z
      .string()
      .regex(/^\d{1,3}$/, "must be a whole number from 1 to 100")
      .transform(Number)
      .pipe(z.number().min(1, "must be at least 1").max(100, "must be at most 100"))
      .default(20),
    cursor: cursorSchema.optional(),
  })
  .strict();

export function parseListQuery(params: URLSearchParams) {
  const raw: Record<string, string> = {};
  for (const [k, v] of params) raw[k] = v;
  const parsed = parseInput(listQuerySchema, raw, 400);
  return parsed;
}

/** `text` as a LIKE pattern that matches exactly itself. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type ListQuery = ReturnType<typeof parseListQuery>;

export async function listCheckouts(db: Db, q: ListQuery): Promise<{ rows: CheckoutRow[]; nextCursor: string | null }> {
  const where: SQL[] = [];
  if (q.state) where.push(inArray(checkouts.state, q.state));
  if (q.orderId) where.push(eq(checkouts.orderId, q.orderId));
  if (q.search) {
    // ILIKE works the same on PGlite and PostgreSQL; the merchant's % _ and \ are escaped so they
    // match themselves (backslash is ILIKE's default escape character), not any text.
    const pattern = `%${likeEscape(q.search)}%`;
    where.push(or(ilike(checkouts.orderId, pattern), ilike(checkouts.id, pattern))!);
  }
  if (q.createdFrom) where.push(gte(checkouts.createdAt, new Date(q.createdFrom)));
  if (q.createdTo) where.push(lte(checkouts.createdAt, new Date(q.createdTo)));
  if (q.cursor) {
    const t = new Date(q.cursor.t);
    where.push(or(lt(checkouts.createdAt, t), and(eq(checkouts.createdAt, t), lt(checkouts.id, q.cursor.id)))!);
  }
  const rows = await db
    .select()
    .from(checkouts)
    .where(and(...where))
    .orderBy(desc(checkouts.createdAt), desc(checkouts.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > q.limit && last
      ? Buffer.from(JSON.stringify({ t: last.createdAt.toISOString(), id: last.id })).toString("base64url")
      : null;
  return { rows: page, nextCursor };
}
