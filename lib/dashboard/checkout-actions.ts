/**
 * What a merchant can do to one checkout from the dashboard:
 * - expire it now: Bitfinex expires the Pay invoice first (so nobody can pay it after), then the
 *   checkout follows; with no Pay invoice it expires here. A checkout already paid or confirming
 *   cannot be expired.
 * - mark it complete: Bitfinex's complete-invoice endpoint links a deposit Bitfinex did not match
 *   (wrong amount, late) to the Pay invoice; the invoice is then re-read and the checkout follows
 *   what Bitfinex says, exactly as for any other change.
 */
import { z } from "zod";
import type { CheckoutDeps } from "../checkouts/deps";
import { changeCheckout, findInvoices, getCheckoutOrThrow, type CheckoutRow } from "../checkouts/repository";
import { canExpire, isPayable } from "../checkouts/state-machine";
import { ApiError, parseInput } from "../errors/api-error";
import { refreshInvoice } from "../reconciler/refresh";
import { invoiceThatCan } from "../checkouts/rails";

export async function expireCheckoutNow(deps: CheckoutDeps, id: string): Promise<CheckoutRow> {
  const row = await getCheckoutOrThrow(deps.db, id, `Checkout ${id}`);
  if (!canExpire(row.state))
    throw new ApiError({
      code: "not_expirable",
      message: `This checkout is ${row.state.replace("_", " ")}; only a checkout awaiting payment or underpaid can be expired.`,
    });
  // Where the rail can (Bitfinex Pay), Bitfinex expires its invoice first, so nobody can pay it after.
  const upstream = invoiceThatCan(await findInvoices(deps.db, id), (r) => r.expire !== undefined);
  if (upstream) {
    await upstream.rail.expire!(deps, upstream.invoice);
    const refreshed = await refreshInvoice(deps, upstream.invoice, "dashboard: expired by the merchant");
    if (refreshed && !isPayable(refreshed.state)) return refreshed;
  }
  const now = deps.now();
  const updated = await changeCheckout(
    deps.db,
    id,
    deps.now,
    (c) =>
      isPayable(c.state)
        ? {
            steps: ["expired"],
            reason: "expired by the merchant in the dashboard",
            patch: { nextCheckAt: upstream ? new Date(now + 60_000) : null },
          }
        : null,
    deps,
  );
  return updated!;
}

/**
 * A Bitfinex id: a JSON number, or digits as the dashboard's form sends them; a blank field is
 * left out. Not z.coerce: that turned `true` into 1 and `[]` into 0, so a wrong type got through.
 */
const bitfinexId = z.preprocess(
  (v) => (v === "" ? undefined : typeof v === "string" && /^\s*\d{1,16}\s*$/.test(v) ? Number(v) : v),
  z
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .positive("must be positive")
    .max(Number.MAX_SAFE_INTEGER, "is too large")
    .optional(),
);

export const completeInputSchema = z
  .object({
    payCurrency: z.string({ error: "is required" }).trim().min(1, "is required"),
    depositId: bitfinexId,
    ledgerId: bitfinexId,
  })
  .strict()
  .refine((v) => v.depositId !== undefined || v.ledgerId !== undefined, {
    path: ["depositId"],
    message: "give the Bitfinex deposit id or ledger id of the payment",
  });

export async function completeCheckout(deps: CheckoutDeps, id: string, body: unknown): Promise<CheckoutRow> {
  const parsed = parseInput(completeInputSchema, body);
  const row = await getCheckoutOrThrow(deps.db, id, `Checkout ${id}`);
  const upstream = invoiceThatCan(await findInvoices(deps.db, id), (r) => r.complete !== undefined);
  if (!upstream)
    throw new ApiError({
      code: "no_pay_invoice",
      message:
        "Only a checkout with a Bitfinex Pay invoice can be completed by hand (Lightning deposits are matched by Bitfinex itself).",
    });
  if (!row.payCurrencies.includes(parsed.payCurrency)) {
    throw new ApiError({
      code: "invalid_field",
      message: `payCurrency: must be one of ${row.payCurrencies.join(", ")}`,
      field: "payCurrency",
      problems: [{ field: "payCurrency", message: `must be one of ${row.payCurrencies.join(", ")}` }],
    });
  }
  await upstream.rail.complete!(deps, upstream.invoice, parsed);
  return (await refreshInvoice(deps, upstream.invoice, "dashboard: completed by the merchant")) ?? row;
}
