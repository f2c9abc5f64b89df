/**
 * Creating a checkout. No invoice is made here: that happens when the customer starts paying, so an
 * abandoned checkout costs nothing upstream. The merchant's Bitfinex limits (cached, read at most
 * every few minutes) refuse a checkout that no offered currency could take, or whose customer (by
 * email) has too little left of their Bitfinex daily limit. With an idempotency key, the
 * checkout and the key are written in one transaction: a repeat (even a concurrent one) gets
 * the first checkout back, and a key reused for a different request is refused.
 */
import { and, eq } from "drizzle-orm";
import { idempotent, KeyTaken, replayIfUsed, type EarlierUse, type IdempotencyKey } from "../db/idempotency";
import { idempotencyKeys, type CheckoutSource } from "../db/schema";
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
  idempotency?: IdempotencyKey;
  /** Written in the checkout's own transaction (a record that must exist exactly when the checkout does). */
  alongside?: (tx: Db, checkout: CheckoutRow) => Promise<void>;
}

export interface Created {
  checkout: CheckoutRow;
  /** True when an idempotency key matched an earlier request: nothing new was created. */
  replayed: boolean;
}

export async function createCheckout(
  deps: CheckoutDeps,
  input: CheckoutInput,
  options: CreateOptions,
): Promise<Created> {
  if (deps.payLimits) {
    try {
      // The daily limit is per end customer: checked when the checkout names its customer.
      const email = input.type === "ECOMMERCE" ? (input.customerInfo?.email ?? null) : null;
      await assertPayable(
        deps.payLimits,
        { amount: input.amount, currency: input.currency, email },
        input.payCurrencies,
      );
    } catch (e) {
      // A repeat of a request that created a checkout (when the limits allowed it) still gets it back.
      const earlier = options.idempotency && (await replayIfUsed(options.idempotency, findKey(deps)).catch(() => null));
      if (earlier) return { checkout: earlier, replayed: true };
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
  const alongside = options.alongside;
  const { value: checkout, replayed } = await idempotent(options.idempotency, findKey(deps), async (hash) => {
    const insert = async (db: Db) => {
      const created = await insertCheckout(db, row);
      if (hash !== null) {
        const idem = options.idempotency!;
        const [key] = await db
          .insert(idempotencyKeys)
          .values({ scope: idem.scope, key: idem.key, requestHash: hash, checkoutId: row.id, createdAt: new Date(now) })
          .onConflictDoNothing()
          .returning();
        if (!key) throw new KeyTaken(); // rolls the checkout back
      }
      if (alongside) await alongside(db, created);
      return created;
    };
    const created = alongside || hash !== null ? await deps.db.transaction((tx) => insert(tx)) : await insert(deps.db);
    countCreated(created);
    return created;
  });
  return { checkout, replayed };
}

/** A checkout made with this key before: its record in idempotency_keys, and the checkout. */
const findKey =
  (deps: CheckoutDeps) =>
  async (scope: string, key: string): Promise<EarlierUse<CheckoutRow> | null> => {
    const [earlier] = await deps.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)))
      .limit(1);
    if (!earlier) return null;
    return {
      requestHash: earlier.requestHash,
      answer: earlier.checkoutId ? await findCheckout(deps.db, earlier.checkoutId) : null,
    };
  };

/** Committed: counted once (a replayed idempotent request made nothing new). */
function countCreated(row: CheckoutRow): void {
  metrics().checkoutsCreated.inc({ source: row.source });
}
