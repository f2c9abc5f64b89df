/**
 * Deposit and withdrawal history. Rows are arrays; see ../shared/bitfinex-api.md §6.3(b).
 * @see https://docs.bitfinex.com/reference/rest-auth-movements
 */
import { z } from "zod";
import type { BitfinexTransport } from "../transport";
import type { Movement } from "../types";
import { parseWire } from "../wire/parse";
import { wireDecimal, wireMillis } from "../wire/wire-decimal";

const text = z.string().nullish();
const row = z
  .array(z.unknown())
  .min(22)
  .transform((r, ctx) => {
    const parsed = z
      .object({
        id: z.number().int(),
        currency: z.string(),
        currencyName: text,
        startedAt: wireMillis.nullish(),
        updatedAt: wireMillis.nullish(),
        status: z.string(),
        amount: wireDecimal,
        fees: wireDecimal.nullish(),
        address: text,
        paymentId: text,
        txid: text,
        note: text,
      })
      .safeParse({
        id: r[0],
        currency: r[1],
        currencyName: r[2],
        startedAt: r[5],
        updatedAt: r[6],
        status: r[9],
        amount: r[12],
        fees: r[13],
        address: r[16],
        paymentId: r[17],
        txid: r[20],
        note: r[21],
      });
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", message: parsed.error.issues[0]?.message ?? "bad movement row" });
      return z.NEVER;
    }
    return parsed.data;
  });

export async function listMovements(
  t: BitfinexTransport,
  query: { currency?: string; start?: number; end?: number; limit?: number },
): Promise<Movement[]> {
  const path = query.currency
    ? `v2/auth/r/movements/${encodeURIComponent(query.currency)}/hist`
    : "v2/auth/r/movements/hist";
  const body = {
    ...(query.start !== undefined && { start: query.start }),
    ...(query.end !== undefined && { end: query.end }),
    ...(query.limit !== undefined && { limit: Math.min(2500, Math.max(1, query.limit)) }),
  };
  const answer = await t.authPost(path, body, { idempotent: true });
  return parseWire(z.array(row), answer, "/" + path).map((m) => ({
    ...m,
    currencyName: m.currencyName ?? null,
    startedAt: m.startedAt ?? null,
    updatedAt: m.updatedAt ?? null,
    fees: m.fees ?? "0",
    address: m.address ?? null,
    paymentId: m.paymentId ?? null,
    txid: m.txid ?? null,
    note: m.note ?? null,
  }));
}
