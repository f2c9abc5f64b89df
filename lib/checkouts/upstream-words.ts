/**
 * Words Bitfinex answered that this app does not know (a Lightning invoice status no public
 * source shows). Where Bitfinex's documents are silent the app must notice when its reading is
 * wrong: each new word is kept in app_state (so every instance and the health page see it), logged
 * once, and written on the checkout's timeline. The reconciler keeps asking meanwhile.
 */
import { and, eq } from "drizzle-orm";
import { appState, checkoutTransitions } from "../db/schema";
import type { CheckoutDeps } from "./deps";
import { findCheckout } from "./repository";

const KEY = "bitfinex_unknown_words";

export interface UnknownWord {
  /** Where it was answered, e.g. "lightning_status". */
  kind: "lightning_status";
  word: string;
  firstSeenAt: string;
  lastSeenAt: string;
  /** A checkout it was answered for (the first one). */
  checkoutId: string | null;
}

/** The merchant-facing sentence, on the timeline and the health page. */
export const unknownLightningStatusText = (word: string) =>
  `Bitfinex answered a Lightning status this app does not know: ${JSON.stringify(word.slice(0, 60))}`;

/** The health page's line for a word, with when it was first and last seen. */
export const unknownWordText = (w: UnknownWord) =>
  `${unknownLightningStatusText(w.word)} (first seen ${w.firstSeenAt.replace("T", " ").slice(0, 19)} UTC` +
  `${w.checkoutId ? `, checkout ${w.checkoutId}` : ""}). Lightning payments are confirmed from LNX deposit movements meanwhile.`;

/** The public health answer's code for a kind of unknown answer (never the word itself). */
export const UNKNOWN_ANSWER_CODES = {
  lightning_status: "lightning_status_unknown",
  rejected_entry: "invoice_entry_rejected",
} as const;

/** Every unknown word seen so far (newest last). */
export async function listUnknownWords(db: CheckoutDeps["db"]): Promise<UnknownWord[]> {
  const [row] = await db.select().from(appState).where(eq(appState.key, KEY)).limit(1);
  return row ? ((row.value as { words?: UnknownWord[] }).words ?? []) : [];
}

/** Records an unknown Lightning status for a checkout: stored and logged once per word, on the timeline once per checkout. */
export async function noteUnknownLightningStatus(deps: CheckoutDeps, checkoutId: string, raw: string): Promise<void> {
  const word = raw.slice(0, 60);
  const at = new Date(deps.now()).toISOString();
  const words = await listUnknownWords(deps.db);
  const known = words.find((w) => w.kind === "lightning_status" && w.word === word);
  if (!known) {
    const next = [
      ...words,
      { kind: "lightning_status" as const, word, firstSeenAt: at, lastSeenAt: at, checkoutId },
    ].slice(-20);
    await deps.db
      .insert(appState)
      .values({ key: KEY, value: { words: next } })
      .onConflictDoUpdate({ target: appState.key, set: { value: { words: next }, updatedAt: new Date(deps.now()) } });
    deps.log(
      `bitfinex: ${unknownLightningStatusText(word)} (checkout ${checkoutId}); confirming from LNX movements instead`,
    );
  }
  await addTimelineNote(deps, checkoutId, unknownLightningStatusText(word));
}

/** A note on a checkout's timeline (a "transition" that leaves the state where it is), written once. */
export async function addTimelineNote(deps: CheckoutDeps, checkoutId: string, reason: string): Promise<boolean> {
  const [already] = await deps.db
    .select({ id: checkoutTransitions.id })
    .from(checkoutTransitions)
    .where(and(eq(checkoutTransitions.checkoutId, checkoutId), eq(checkoutTransitions.reason, reason)))
    .limit(1);
  if (already) return false;
  const checkout = await findCheckout(deps.db, checkoutId);
  if (!checkout) return false;
  await deps.db.insert(checkoutTransitions).values({
    checkoutId,
    fromState: checkout.state,
    toState: checkout.state,
    reason,
    at: new Date(deps.now()),
  });
  return true;
}

const REJECTED_KEY = "bitfinex_rejected_entries";

export interface RejectedEntry {
  symbol: string;
  reason: string;
  at: string;
  checkoutId: string;
}

/** Invoice entries Bitfinex handed us that were not shown to customers (lib/checkouts/rails/entry-check.ts), newest last. */
export async function listRejectedEntries(db: CheckoutDeps["db"]): Promise<RejectedEntry[]> {
  const [row] = await db.select().from(appState).where(eq(appState.key, REJECTED_KEY)).limit(1);
  return row ? ((row.value as { entries?: RejectedEntry[] }).entries ?? []) : [];
}

/** Keeps the last 20 for the health page, and logs each. */
export async function noteRejectedEntry(deps: CheckoutDeps, entry: Omit<RejectedEntry, "at">): Promise<void> {
  deps.log(`entry check: checkout ${entry.checkoutId}: ${entry.reason}; not shown to the customer`);
  const entries = [...(await listRejectedEntries(deps.db)), { ...entry, at: new Date(deps.now()).toISOString() }].slice(
    -20,
  );
  await deps.db
    .insert(appState)
    .values({ key: REJECTED_KEY, value: { entries } })
    .onConflictDoUpdate({ target: appState.key, set: { value: { entries }, updatedAt: new Date(deps.now()) } });
}
