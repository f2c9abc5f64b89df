/**
 * The app's long-lived services, built once per process: database, Bitfinex client, rail monitor,
 * the checkout engine's dependencies, the webhook-hint handler and the reconciler (started here,
 * so it runs in every server process; the database lock lets only one of them work at a time).
 */
import "server-only";
import { getBitfinex } from "../bitfinex/server";
import type { CheckoutDeps } from "../checkouts/deps";
import { getDb } from "../db";
import type { DbHandle } from "../db/connect";
import { getConfig, type AppConfig } from "../env";
import { RailsMonitor } from "../rails/health";
import { HintHandler } from "../reconciler/hints";
import { RECONCILER_LOCK, Reconciler } from "../reconciler/reconciler";

export interface Services {
  config: AppConfig;
  handle: DbHandle;
  deps: CheckoutDeps;
  hints: HintHandler;
  reconciler: Reconciler;
}

const holder = globalThis as unknown as { __rails?: RailsMonitor; __services?: Promise<Services> };

/** The rail monitor needs no database, so the home page and health check can use it alone. */
export function getRailsMonitor(): RailsMonitor {
  return (holder.__rails ??= new RailsMonitor(getBitfinex()));
}

export function getServices(): Promise<Services> {
  if (!holder.__services) {
    holder.__services = build();
    holder.__services.catch(() => {
      holder.__services = undefined;
    });
  }
  return holder.__services;
}

async function build(): Promise<Services> {
  const config = getConfig();
  const handle = await getDb();
  const deps: CheckoutDeps = {
    db: handle.db,
    bitfinex: getBitfinex(),
    rails: getRailsMonitor(),
    mode: config.mode,
    appUrl: config.appUrl,
    now: Date.now,
    log: (line) => console.log(line),
  };
  const reconciler = new Reconciler(deps, { intervalMs: config.reconcileIntervalMs, holdsLock: () => handle.holdsLock(RECONCILER_LOCK) });
  reconciler.start();
  return { config, handle, deps, hints: new HintHandler(deps), reconciler };
}
