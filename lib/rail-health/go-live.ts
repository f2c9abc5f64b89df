/**
 * What Bitfinex needs before real customers can pay, checked at start and every few minutes
 * (Submit Invoice page, ../shared/seeds/002):
 * - the API key's permissions: read and write on `settings`, `account` and `orders`;
 * - a deposit address for every pay currency the merchant offers ("before being able to accept
 *   the deposits the user should generate deposit addresses"). Missing ones are created with
 *   op_renew 0, which returns the existing address if there is one, at most one call every
 *   7 s: Bitfinex allows 10 a minute, and a Lightning checkout may need one of them.
 * The report names exactly what is missing and why, for the health page and /api/health.
 *
 * Several instances on one PostgreSQL share the key, the IP and so those 10 calls a minute, while
 * each paces only its own calls: two instances starting together made 17 a minute, Bitfinex
 * answered 429, and every call of both was paused for a minute (lib/bitfinex/limiter.ts). So one
 * instance at a time makes the addresses (`mayCreate`: an advisory lock on PostgreSQL), and
 * records what it made or could not make in app_state; the others read that, again every 15 s
 * while anything is still pending.
 */
import { setTimeout as wait } from "node:timers/promises";
import { eq, inArray } from "drizzle-orm";
import type { BitfinexClient } from "../bitfinex/client";
import { isBitfinexError } from "../bitfinex/errors";
import { depositMethodOf } from "../currencies/deposit-methods";
import type { Db } from "../db/connect";
import { appState } from "../db/schema";

/** Scopes invoice creation needs, each with read and write (Submit Invoice page, "key permissions"). */
export const REQUIRED_SCOPES = ["settings", "account", "orders"] as const;

export type CheckStatus = "ok" | "missing" | "checking" | "unknown";

export interface GoLiveReport {
  checkedAt: string | null;
  permissions: {
    status: CheckStatus;
    /** e.g. ["settings:read", "settings:write"]. */
    missing: string[];
    /** Why the check could not be made (a BitfinexError kind), when status is unknown. */
    problem: string | null;
  };
  depositAddresses: {
    status: CheckStatus;
    ready: string[];
    missing: Array<{ payCurrency: string; method: string; reason: string }>;
    /** Not checked yet (this round ran out of Bitfinex's budget, or is still running). */
    pending: string[];
  };
}

const ADDRESS_GAP_MS = 7_000;
const ROUND_MS = 10 * 60_000;
/** How soon an instance that leaves the addresses to another reads again what that one recorded. */
const RECHECK_MS = 15_000;
/** Any fixed number: the instance holding it makes the deposit addresses. */
export const GO_LIVE_LOCK = 7_271_004;

/** Where a created address is remembered. LNX keeps the key the Lightning rail has always used. */
export const depositAddressKey = (method: string) =>
  method === "LNX" ? "lnx_deposit_address" : `deposit_address:${method}`;
/** Where the instance making addresses records why Bitfinex would not make one (for the others to show). */
const missingAddressKey = (method: string) => `deposit_address_missing:${method}`;

export class GoLiveChecks {
  private report: GoLiveReport = {
    checkedAt: null,
    permissions: { status: "unknown", missing: [], problem: null },
    depositAddresses: { status: "unknown", ready: [], missing: [], pending: [] },
  };
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Aborted by stop(): the wait between two address calls ends at once (a graceful stop does not sit through it). */
  private stopping = new AbortController();
  /** Another instance is making addresses this one still lacks: read again in RECHECK_MS. */
  private waitingOnOther = false;

  constructor(
    private readonly deps: {
      db: Db;
      bitfinex: BitfinexClient;
      /** The pay currencies the merchant offers (settings' defaults and active payment links). */
      offered: () => Promise<string[]>;
      log: (line: string) => void;
      /** The wait between two address calls; ends early (resolves) when `signal` aborts. */
      sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
      /**
       * Whether this instance makes the missing addresses (true when alone; on PostgreSQL, whether
       * it holds GO_LIVE_LOCK). Otherwise it only reads what the one that does recorded.
       */
      mayCreate?: () => Promise<boolean>;
    },
  ) {}

  current(): GoLiveReport {
    return this.report;
  }

  /** Runs now, then every 10 minutes (never two rounds at once). */
  start() {
    this.stopped = false;
    if (this.stopping.signal.aborted) this.stopping = new AbortController();
    const tick = () => {
      void this.run().finally(() => {
        if (this.stopped) return;
        this.timer = setTimeout(tick, this.waitingOnOther ? RECHECK_MS : ROUND_MS);
        this.timer.unref();
      });
    };
    tick();
  }

  /**
   * No round starts after this, and the one in flight makes no further call: resolves once its
   * Bitfinex call in flight (if any) is over and recorded, without waiting out the 7 s between calls.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.allSettled([this.running, this.queued]);
  }

  /** One round now; asked for during a round, another follows it (what changed since is seen). */
  run(): Promise<void> {
    if (this.running) return (this.queued ??= this.running.then(() => ((this.queued = null), this.run())));
    return (this.running = this.round().finally(() => (this.running = null)));
  }

  private async round() {
    await this.checkPermissions();
    await this.checkDepositAddresses();
    this.report = { ...this.report, checkedAt: new Date().toISOString() };
  }

  private async checkPermissions() {
    try {
      const perms = await this.deps.bitfinex.account.getPermissions();
      const missing: string[] = [];
      for (const scope of REQUIRED_SCOPES) {
        const p = perms.find((x) => x.scope === scope);
        if (!p?.read) missing.push(`${scope}:read`);
        if (!p?.write) missing.push(`${scope}:write`);
      }
      this.report = {
        ...this.report,
        permissions: { status: missing.length ? "missing" : "ok", missing, problem: null },
      };
      if (missing.length)
        this.deps.log(
          `go-live: the Bitfinex API key lacks ${missing.join(", ")} (invoices need read and write on settings, account and orders)`,
        );
    } catch (e) {
      const problem = isBitfinexError(e) ? e.kind : "error";
      this.report = { ...this.report, permissions: { status: "unknown", missing: [], problem } };
    }
  }

  private async checkDepositAddresses() {
    const symbols = [...new Set(await this.deps.offered())].filter((s) => depositMethodOf(s));
    const methods = symbols.map((s) => depositMethodOf(s)!.method);
    const recorded = new Map(
      (
        await this.deps.db
          .select({ key: appState.key, value: appState.value })
          .from(appState)
          .where(inArray(appState.key, [...methods.map(depositAddressKey), ...methods.map(missingAddressKey)]))
      ).map((r) => [r.key, r.value as { reason?: string }]),
    );
    const ready: string[] = [];
    const missing: GoLiveReport["depositAddresses"]["missing"] = [];
    const pending = symbols.filter((s) => !recorded.has(depositAddressKey(depositMethodOf(s)!.method)));
    for (const s of symbols) if (!pending.includes(s)) ready.push(s);
    const publish = (status: CheckStatus) =>
      (this.report = {
        ...this.report,
        depositAddresses: { status, ready: [...ready], missing: [...missing], pending: [...pending] },
      });
    this.waitingOnOther = false;
    if (pending.length > 0 && this.deps.mayCreate && !(await this.deps.mayCreate())) {
      // Another instance makes them: show what it recorded it could not make, wait for the rest.
      for (const symbol of [...pending]) {
        const reason = recorded.get(missingAddressKey(depositMethodOf(symbol)!.method))?.reason;
        if (reason === undefined) continue;
        missing.push({ payCurrency: symbol, method: depositMethodOf(symbol)!.method, reason });
        pending.splice(pending.indexOf(symbol), 1);
      }
      this.waitingOnOther = pending.length > 0;
      publish(pending.length ? "checking" : missing.length ? "missing" : "ok");
      return;
    }
    publish(pending.length ? "checking" : "ok");
    let first = true;
    while (pending.length > 0) {
      const symbol = pending[0]!;
      const method = depositMethodOf(symbol)!.method;
      if (!first) await (this.deps.sleep ?? sleep)(ADDRESS_GAP_MS, this.stopping.signal);
      if (this.stopped) break; // the rest stays pending; a restarted instance goes on
      first = false;
      try {
        const created = await this.deps.bitfinex.lightning.createDepositAddress({ method });
        await this.deps.db
          .insert(appState)
          .values({
            key: depositAddressKey(method),
            value: { address: created.address, method: created.method, currency: created.currency },
          })
          .onConflictDoNothing();
        await this.deps.db.delete(appState).where(eq(appState.key, missingAddressKey(method)));
        ready.push(symbol);
      } catch (e) {
        if (isBitfinexError(e) && (e.kind === "rate_limited" || e.transient)) break; // the next round goes on
        const reason = isBitfinexError(e) ? (e.upstreamMessage ?? e.kind) : String(e);
        missing.push({ payCurrency: symbol, method, reason });
        await this.deps.db
          .insert(appState)
          .values({ key: missingAddressKey(method), value: { reason } })
          .onConflictDoUpdate({ target: appState.key, set: { value: { reason } } });
        this.deps.log(`go-live: no ${method} deposit address for ${symbol}: ${reason}`);
      }
      pending.shift();
      publish(pending.length ? "checking" : missing.length ? "missing" : "ok");
    }
    publish(missing.length ? "missing" : pending.length ? "checking" : "ok");
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  wait(ms, undefined, { signal, ref: false }).catch(() => {
    // aborted by stop()
  });
