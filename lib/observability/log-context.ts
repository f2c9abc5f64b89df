/**
 * What every log line of one request carries: its request id and, once known, the checkout it
 * concerns. Kept in AsyncLocalStorage, so code deep below a route logs with them without being
 * handed them (the route wrapper, lib/http/route.ts, opens the context).
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface LogContext {
  requestId?: string;
  checkoutId?: string;
}

const holder = globalThis as unknown as { __logContext?: AsyncLocalStorage<LogContext> };
const storage = (holder.__logContext ??= new AsyncLocalStorage<LogContext>());

export function withLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...context }, fn);
}

/** Adds to the current request's context (e.g. the checkout id once the route has read it). */
export function addLogContext(fields: LogContext): void {
  const store = storage.getStore();
  if (store) Object.assign(store, fields);
}

export function currentLogContext(): LogContext {
  return storage.getStore() ?? {};
}
