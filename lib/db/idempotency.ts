/**
 * Idempotent requests (the Idempotency-Key header, and keys the app makes itself: a POS sale, a
 * claim's refund, a restart). One rule for everything that takes a key:
 *   - the first request with a key does its work and records the key with a hash of the request,
 *     in the same transaction as what it writes (so the key exists exactly when the work does);
 *   - a repeat with the same request gets the first answer back (`replayed`), nothing is done again;
 *   - a repeat with a different request is refused (`422 idempotency_key_reused`);
 *   - a repeat while the key's record has no answer yet is refused (`409 idempotency_conflict`).
 * Where the key is recorded belongs to the caller (checkouts: the idempotency_keys table; refunds:
 * columns on the refund row itself), given here as `find`; this module decides what a use means.
 */
import { createHash } from "node:crypto";
import { ApiError } from "../errors/api-error";

export interface IdempotencyKey {
  scope: string;
  key: string;
  /** What was asked: hashed, so a repeat can be told from a different request with the same key. */
  request: unknown;
}

/** An earlier use of a key: its request's hash, and its answer (null: none recorded yet). */
export interface EarlierUse<T> {
  requestHash: string | null;
  answer: T | null;
}

export type FindEarlier<T> = (scope: string, key: string) => Promise<EarlierUse<T> | null>;

export interface Outcome<T> {
  value: T;
  /** True when the key matched an earlier request: nothing new was done. */
  replayed: boolean;
}

/** Thrown by a first use's work when the key's record was already there (written by another request). */
export class KeyTaken extends Error {
  constructor() {
    super("idempotency key already recorded");
  }
}

export function requestHash(request: unknown): string {
  return createHash("sha256").update(JSON.stringify(request)).digest("hex");
}

const inProgress = () =>
  new ApiError({
    code: "idempotency_conflict",
    message: "A request with this Idempotency-Key is still being processed; retry shortly.",
    field: "Idempotency-Key",
  });

/** What an earlier use answers this request: its answer for the same request, else the refusal. */
export function replay<T>(earlier: EarlierUse<T>, hash: string): T {
  if (earlier.requestHash !== hash)
    throw new ApiError({
      code: "idempotency_key_reused",
      message: "This Idempotency-Key was already used with a different request body.",
      field: "Idempotency-Key",
    });
  if (earlier.answer === null) throw inProgress();
  return earlier.answer;
}

/** The earlier answer for this request, or null when the key was never used. */
export async function replayIfUsed<T>(idem: IdempotencyKey, find: FindEarlier<T>): Promise<T | null> {
  const earlier = await find(idem.scope, idem.key);
  return earlier ? replay(earlier, requestHash(idem.request)) : null;
}

/** A PostgreSQL unique violation (23505), however deep in the error's causes. */
export const isUniqueViolation = (e: unknown) => {
  for (let c: unknown = e; c; c = (c as { cause?: unknown }).cause)
    if ((c as { code?: string }).code === "23505") return true;
  return false;
};

/**
 * Runs `first` once per key: a repeat gets the first answer. `first` gets the request's hash to
 * record with the key, in its own transaction; when the key turns out taken (KeyTaken, or a unique
 * violation: a concurrent request with the same key won), the winner's answer is replayed. A unique
 * violation with no earlier use of the key is the caller's own (rethrown). Without a key, `first` runs.
 */
export async function idempotent<T>(
  idem: IdempotencyKey | undefined,
  find: FindEarlier<T>,
  first: (hash: string | null) => Promise<T>,
): Promise<Outcome<T>> {
  if (!idem) return { value: await first(null), replayed: false };
  const hash = requestHash(idem.request);
  const earlier = await find(idem.scope, idem.key);
  if (earlier) return { value: replay(earlier, hash), replayed: true };
  try {
    return { value: await first(hash), replayed: false };
  } catch (e) {
    if (!(e instanceof KeyTaken) && !isUniqueViolation(e)) throw e;
    const winner = await find(idem.scope, idem.key);
    if (winner) return { value: replay(winner, hash), replayed: true };
    if (e instanceof KeyTaken) throw inProgress();
    throw e;
  }
}
