/**
 * Creating a checkout. No invoice is made here: that happens when the customer starts paying, so an
 * abandoned checkout costs nothing upstream. The merchant's Bitfinex limits (cached, read at most
 * every few minutes) refuse a checkout that no offered currency could take. With an idempotency key, the
 * checkout and the key are written in one transaction: a repeat (even a concurrent one) gets
 * the first checkout back, and a key reused for a different request is refused.
 */
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { idempotencyKeys, type CheckoutSource } from "../db/schema";
import { ApiError } from "../errors/api-error";
import { newId } from "../ids";
import { assertPayable } from "../pay-limits/enforce";
import type { Db } from "../db/connect";
import type { CheckoutDeps } from "./deps";
import { findCheckout, insertCheckout, type CheckoutRow } from "./repository";
import type { CheckoutInput } from "./validation";
import { metrics } from "../observability/metrics";

export interface CreateOptions {
  source: CheckoutSource;
  sourceRef?: string | null;
  /** Signed links: their exp (Unix seconds), 0 for none. */
  sourceExp?: number | null;
  idempotency?: { scope: string; key: string; request: unknown };
  /** Written in the checkout's own transaction (a record that must exist exactly when the checkout does). */
  alongside?: (tx: Db, checkout: CheckoutRow) => Promise<void>;
}

export interface Created {
  checkout: CheckoutRow;
  /** True when an idempotency key matched an earlier request: nothing new was created. */
  replayed: boolean;
}

class KeyTaken extends Error {}

export function requestHash(request: unknown): string {
  return createHash("sha256").update(JSON.stringify(request)).digest("hex");
}

export async function createCheckout(
  deps: CheckoutDeps,
  input: CheckoutInput,
  options: CreateOptions,
): Promise<Created> {
  if (deps.payLimits) {
    try {
      await assertPayable(deps.payLimits, input.amount, input.currency, input.payCurrencies);
    } catch (e) {
      // A repeat of a request that created a checkout (when the limits allowed it) still gets it back.
      const earlier = options.idempotency && (await replay(deps, options.idempotency).catch(() => null));
      if (earlier) return earlier;
      throw e;
    }
  }
  const now = deps.now();
  const row = {
    id: newId("co"),
    orderId: input.orderId,
    amount: input.amount,
    currency: input.currency,
    description: input.description ?? null,
    payCurrencies: input.payCurrencies,
    type: input.type,
    durationSeconds: input.duration,
    redirectUrl: input.redirectUrl ?? null,
    webhookUrl: input.webhookUrl ?? null,
    customerInfo: input.customerInfo ?? null,
    metadata: input.metadata ?? null,
    expiresAt: new Date(now + input.duration * 1000),
    createdAt: new Date(now),
    updatedAt: new Date(now),
    source: options.source,
    sourceRef: options.sourceRef ?? null,
    sourceExp: options.sourceExp ?? null,
  };
  const idem = options.idempotency;
  const alongside = options.alongside;
  if (!idem) {
    const insert = async (db: Db) => {
      const created = await insertCheckout(db, row);
      if (alongside) await alongside(db, created);
      return created;
    };
    const created = alongside ? await deps.db.transaction((tx) => insert(tx)) : await insert(deps.db);
    countCreated(created);
    return { checkout: created, replayed: false };
  }
  const hash = requestHash(idem.request);
  try {
    const created = await deps.db.transaction(async (tx) => {
      const inserted = await insertCheckout(tx, row);
      const [key] = await tx
        .insert(idempotencyKeys)
        .values({ scope: idem.scope, key: idem.key, requestHash: hash, checkoutId: row.id, createdAt: new Date(now) })
        .onConflictDoNothing()
        .returning();
      if (!key) throw new KeyTaken(); // rolls the checkout back
      if (alongside) await alongside(tx, inserted);
      return inserted;
    });
    countCreated(created);
    return { checkout: created, replayed: false };
  } catch (e) {
    if (!(e instanceof KeyTaken)) throw e;
  }
  return replay(deps, idem);
}

async function replay(deps: CheckoutDeps, idem: NonNullable<CreateOptions["idempotency"]>): Promise<Created> {
  const hash = requestHash(idem.request);
  const [earlier] = await deps.db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, idem.scope), eq(idempotencyKeys.key, idem.key)))
    .limit(1);
  if (!earlier || !earlier.checkoutId)
    throw new ApiError({
      status: 409,
      code: "idempotency_conflict",
      message: "A request with this Idempotency-Key is still being processed; retry shortly.",
      field: "Idempotency-Key",
    });
  if (earlier.requestHash !== hash) {
    throw new ApiError({
      status: 422,
      code: "idempotency_key_reused",
      message: "This Idempotency-Key was already used with a different request body.",
      field: "Idempotency-Key",
    });
  }
  const checkout = await findCheckout(deps.db, earlier.checkoutId);
  if (!checkout)
    throw new ApiError({
      status: 409,
      code: "idempotency_conflict",
      message: "The checkout for this Idempotency-Key no longer exists.",
      field: "Idempotency-Key",
    });
  return { checkout, replayed: true };
}

/** Committed: counted once (a replayed idempotent request made nothing new). */
function countCreated(row: CheckoutRow): void {
  metrics().checkoutsCreated.inc({ source: row.source });
}
