/**
 * The app's long-lived services, built once per process: database, Bitfinex client, rail monitor,
 * the checkout engine's dependencies, the webhook-hint handler, the reconciler (started here,
 * so it runs in every server process; the database lock lets only one of them work at a time) and
 * the merchant-notification deliverer (also in every process: they share the work row by row).
 */
import "server-only";
import { getBitfinex } from "./bitfinex-client";
import { DepositMethodMap } from "../checkouts/rails/deposit-method-map";
import type { CheckoutDeps } from "../checkouts/deps";
import { getDb } from "../db";
import type { DbHandle } from "../db/connect";
import { getConfig, type AppConfig } from "../env";
import { Deliverer } from "../notifications/deliverer";
import { GO_LIVE_LOCK, GoLiveChecks } from "../rail-health/go-live";
import { RailsMonitor } from "../rail-health/health";
import { PayLimitsSource } from "../pay-limits/source";
import { TosReporter } from "../checkouts/tos";
import { offeredPayCurrencies } from "../settings/offered-currencies";
import { readSettings } from "../settings/merchant-settings";
import { HintHandler } from "../reconciler/bitfinex-webhook";
import { RECONCILER_LOCK, Reconciler } from "../reconciler/reconciler";
import { log, logLine } from "../observability/log";
import { MailSender, smtpTransport } from "../notifications/mail/sender";
import { MailWatcher } from "../notifications/mail/watcher";
import { onOutboxWrite } from "../db/outbox-signal";
import { brandingFor } from "../merchant/branding";
import { getChangeFeed } from "../checkouts/change-feed";
import { endAllStreams } from "../checkouts/status-stream";

export interface Services {
  config: AppConfig;
  handle: DbHandle;
  deps: CheckoutDeps;
  hints: HintHandler;
  reconciler: Reconciler;
  deliverer: Deliverer;
  goLive: GoLiveChecks;
  tos: TosReporter;
  /** E-mail (SMTP_URL): the outbox's sender and what decides the messages; null when not configured. */
  mail: { sender: MailSender; watcher: MailWatcher } | null;
  /** Stops re-reading the settings (watchSettings). */
  stopWatchingSettings: () => void;
}

const holder = globalThis as unknown as {
  __rails?: RailsMonitor;
  __payLimits?: PayLimitsSource;
  __services?: Promise<Services>;
};

/** The merchant's Bitfinex limits, cached; one per process like the rail monitor. */
export function getPayLimits(): PayLimitsSource {
  return (holder.__payLimits ??= new PayLimitsSource(getBitfinex()));
}

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

/**
 * Settings saved on another instance reach this one within a few seconds (proxy.ts reads the
 * published embedding origins on every request).
 */
function watchSettings(db: CheckoutDeps["db"]): () => void {
  const refresh = () =>
    readSettings(db).catch((e) => log().warn(`settings: could not be read (${e instanceof Error ? e.message : e})`));
  void refresh();
  const timer = setInterval(refresh, SETTINGS_REFRESH_MS);
  timer.unref();
  return () => clearInterval(timer);
}

const SETTINGS_REFRESH_MS = 5_000;

async function build(): Promise<Services> {
  const config = getConfig();
  const handle = await getDb();
  // Before the first poll: the status cache and the pages' streams are only used while it is live.
  await getChangeFeed().start(handle);
  const deps: CheckoutDeps = {
    db: handle.db,
    bitfinex: getBitfinex(),
    rails: getRailsMonitor(),
    methods: new DepositMethodMap(() => getBitfinex().market.getTxMethodMap()),
    mode: config.mode,
    appUrl: config.appUrl,
    now: Date.now,
    log: logLine,
    payLimits: getPayLimits(),
  };
  const reconciler = new Reconciler(deps, {
    intervalMs: config.reconcileIntervalMs,
    holdsLock: () => handle.holdsLock(RECONCILER_LOCK),
  });
  reconciler.start();
  const deliverer = new Deliverer({
    db: handle.db,
    mode: config.mode,
    envUrl: config.merchantWebhookUrl,
    envSecret: config.merchantWebhookSecret,
    log: deps.log,
    publicOnly: config.mode === "live" && !config.webhookAllowPrivate,
  });
  deliverer.start();
  const stopWatchingSettings = watchSettings(handle.db);
  const tos = new TosReporter(deps);
  tos.start();
  const goLive = new GoLiveChecks({
    db: handle.db,
    bitfinex: deps.bitfinex,
    offered: () => offeredPayCurrencies(handle.db),
    log: deps.log,
    // One instance at a time makes deposit addresses: Bitfinex's 10 a minute are the key's, not ours.
    mayCreate: () => handle.holdsLock(GO_LIVE_LOCK),
  });
  goLive.start();
  deps.missingAddresses = () => new Set(goLive.current().depositAddresses.missing.map((m) => m.payCurrency));
  const mail = config.mail ? startMail(config, handle.db, goLive) : null;
  return {
    config,
    handle,
    deps,
    hints: new HintHandler(deps),
    reconciler,
    deliverer,
    goLive,
    tos,
    mail,
    stopWatchingSettings,
  };
}

/** The e-mail outbox's sender, nudged by every committed outbox write, and its watcher run before each round. */
function startMail(config: AppConfig, db: CheckoutDeps["db"], goLive: GoLiveChecks) {
  const watcher = new MailWatcher({
    db,
    mode: config.mode,
    appUrl: config.appUrl,
    envAlertsTo: config.mail!.alertsTo,
    merchantName: async () => brandingFor(await readSettings(db), process.env, config.mode).name,
    goLive: () => goLive.current(),
  });
  const sender = new MailSender({
    db,
    transport: smtpTransport(config.mail!.smtpUrl),
    from: config.mail!.from,
    beforeTick: () => watcher.tick(),
  });
  sender.start();
  const unsubscribe = onOutboxWrite(() => sender.nudge());
  const stop = sender.stop.bind(sender);
  sender.stop = async () => {
    unsubscribe();
    await stop();
  };
  return { sender, watcher };
}

/**
 * The end of a graceful stop (scripts/start.mjs, after the HTTP server has closed and the requests
 * in flight have finished): background work finishes what it has in flight (a Bitfinex call's
 * outcome is recorded, deliveries in flight are recorded and nothing more is claimed, so another
 * instance takes over the rest), then the database is closed. Nothing to do if nothing started.
 */
export async function stopServices(say: (line: string) => void = logLine): Promise<void> {
  const pending = holder.__services;
  if (!pending) return;
  const services = await pending.catch(() => null);
  if (!services) return;
  services.stopWatchingSettings();
  endAllStreams();
  await Promise.all([
    services.reconciler.stop(),
    services.deliverer.stop(),
    services.goLive.stop(),
    services.tos.stop(),
    services.mail?.sender.stop(),
  ]);
  await getChangeFeed().stop();
  say("shutdown: background work stopped (reconciler, webhook deliveries, go-live checks, change feed)");
  await services.handle.close();
  say("shutdown: database closed");
}
