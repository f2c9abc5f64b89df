/**
 * An in-process "the outbox has something new" signal, so a deliverer in the same process sends
 * a fresh event at once instead of at its next poll. Only a shortcut: other instances (and this
 * one, if the signal is missed) still find the event by polling the database.
 */

type Listener = () => void;

// Kept on globalThis: Next.js may load this module more than once per process (route bundles).
const holder = globalThis as unknown as { __outboxListeners?: Set<Listener> };
const listeners = (holder.__outboxListeners ??= new Set<Listener>());

/** Calls `listener` after every committed outbox write; returns the unsubscribe function. */
export function onOutboxWrite(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function outboxWritten(): void {
  for (const listener of listeners) {
    try {
      listener();
    } catch {
      // A listener's trouble is its own; the writer's transaction has already committed.
    }
  }
}
