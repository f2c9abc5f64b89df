/**
 * The sandbox's REST API in Bitfinex's wire format. Order of checks follows Bitfinex: faults
 * (simulated outages) first, then authentication and nonce, then rate limits, then the handler.
 */
import { budgetOf } from "./bitfinex-limits";
import type { Fault, FaultMode } from "../model";
import type { Sandbox } from "../sandbox";
import { authenticate } from "./auth";
import { BfxError, errorAnswer, json, readBody, type SandboxAnswer, type SandboxRequest } from "./http";
import { depositAddress, depositInvoice, invoicePayments } from "./lightning";
import { movements } from "./movements";
import * as pay from "./pay";
import * as merchant from "./pay-merchant";
import { fx, platformStatus, ticker } from "./public";
import { txMethodMapAnswer } from "../methods";

/** Scopes of the key-permissions answer (docs: key-permissions). */
const KEY_SCOPES = [
  "account",
  "history",
  "orders",
  "positions",
  "funding",
  "settings",
  "wallets",
  "withdraw",
  "ui_withdraw",
  "bfxpay",
];
/** What creating an invoice needs (Submit Invoice page): read and write on these three. */
const INVOICE_SCOPES = ["settings", "account", "orders"];

type Handler = (sb: Sandbox, body: Record<string, unknown>, match: RegExpExecArray) => SandboxAnswer;

const AUTH_ROUTES: Array<[RegExp, Handler]> = [
  [/^v2\/auth\/w\/ext\/pay\/invoice\/create$/, (sb, b) => pay.createInvoice(sb, b, "ECOMMERCE")],
  [/^v2\/auth\/w\/ext\/pay\/invoice\/create\/pos$/, (sb, b) => pay.createInvoice(sb, b, "POS")],
  [/^v2\/auth\/r\/ext\/pay\/invoices$/, pay.listInvoices],
  [/^v2\/auth\/r\/ext\/pay\/invoices\/paginated$/, pay.listInvoicesPaginated],
  [/^v2\/auth\/w\/ext\/pay\/invoice\/complete$/, pay.completeInvoice],
  [/^v2\/auth\/w\/ext\/pay\/invoice\/expire$/, pay.expireInvoice],
  [/^v2\/auth\/r\/ext\/pay\/currency\/list$/, () => pay.listCurrencies()],
  [/^v2\/auth\/r\/ext\/pay\/currency\/detailed$/, (sb) => merchant.currencyDetailed(sb)],
  [/^v2\/auth\/w\/ext\/pay\/invoice\/refund$/, merchant.refund],
  [/^v2\/auth\/w\/ext\/pay\/invoice\/mark\/refunded$/, merchant.markRefunded],
  [/^v2\/auth\/w\/ext\/pay\/invoice\/update$/, merchant.update],
  [/^v2\/auth\/r\/ext\/pay\/invoice\/events$/, merchant.events],
  [/^v2\/auth\/r\/ext\/pay\/settings\/daily\/limit$/, merchant.dailyLimit],
  [/^v2\/auth\/r\/ext\/pay\/settings\/convert\/list$/, (sb) => merchant.conversionList(sb)],
  [/^v2\/auth\/w\/ext\/pay\/settings\/convert\/create$/, merchant.conversionCreate],
  [/^v2\/auth\/w\/ext\/pay\/settings\/convert\/remove$/, merchant.conversionRemove],
  [/^v2\/auth\/w\/ext\/pay\/settings\/set$/, merchant.settingsSet],
  [/^v2\/auth\/w\/ext\/pay\/settings\/set\/batch$/, merchant.settingsSetBatch],
  [/^v2\/auth\/r\/ext\/pay\/settings\/get$/, merchant.settingsGet],
  [/^v2\/auth\/r\/ext\/pay\/settings\/list$/, merchant.settingsList],
  [/^v2\/auth\/w\/deposit\/address$/, depositAddress],
  [/^v2\/auth\/w\/deposit\/invoice$/, depositInvoice],
  [/^v2\/auth\/r\/ext\/invoice\/payments$/, invoicePayments],
  [/^v2\/auth\/r\/movements\/hist$/, (sb, b) => movements(sb, null, b)],
  [/^v2\/auth\/r\/movements\/([A-Z0-9]{2,10})\/hist$/, (sb, b, m) => movements(sb, m[1]!, b)],
  [
    /^v2\/auth\/r\/permissions$/,
    (sb) => json(KEY_SCOPES.map((s) => (sb.settings.missingKeyScopes.includes(s) ? [s, 0, 0] : [s, 1, 1]))),
  ],
];

/** Requests seen per family (sliding 60 s), for the 429 rule and for measuring load. */
class Window {
  private readonly hits = new Map<string, number[]>();
  count(family: string, now: number): number {
    const list = (this.hits.get(family) ?? []).filter((t) => t > now - 60_000);
    list.push(now);
    this.hits.set(family, list);
    return list.length;
  }
}

/**
 * Random faults on a share of calls (POST /sandbox/control/chaos), for reliability runs: unlike
 * `faults` (the next N calls), chaos hits any call with probability `rate`, the kind picked at
 * random among `modes`. Kept in memory only: a restart or `{"rate": 0}` ends it.
 */
export interface ChaosConfig {
  rate: number;
  modes: FaultMode[];
  pathPrefix: string;
  delayMs: number;
  /** Sent as Retry-After on injected 429s (Bitfinex sends none; the client then waits 60 s). */
  retryAfterSeconds: number | null;
  seed: number;
}

export class SandboxApi {
  private readonly window = new Window();
  /**
   * Every request received (bounded), for the control API's stats. `ms` is the sandbox's own time
   * for the call, from arrival to answer (without a simulated timeout's hold): the benchmark
   * subtracts it from the app's time to get the app's own cost.
   */
  readonly requestLog: Array<{ at: number; apiPath: string; status: number; ms: number }> = [];
  /** Genuine nonce rejections (not injected faults): the figure a multi-instance run must keep at 0. */
  nonceRejected = 0;
  chaos: ChaosConfig | null = null;
  /** Calls chaos looked at, and the faults it injected per kind. */
  readonly chaosStats = { calls: 0, injected: {} as Partial<Record<FaultMode, number>> };
  private random: () => number = Math.random;

  constructor(readonly sb: Sandbox) {}

  setChaos(config: ChaosConfig | null) {
    this.chaos = config && config.rate > 0 ? config : null;
    this.chaosStats.calls = 0;
    this.chaosStats.injected = {};
    if (this.chaos) this.random = mulberry32(this.chaos.seed);
  }

  async handle(req: SandboxRequest): Promise<SandboxAnswer> {
    const started = req.receivedAt ?? performance.now();
    const answer = this.answer(req);
    const ms = Math.round((performance.now() - started) * 1000) / 1000;
    this.requestLog.push({ at: this.sb.now(), apiPath: req.apiPath, status: answer.status, ms });
    if (this.requestLog.length > 50_000) this.requestLog.splice(0, 10_000);
    return answer;
  }

  private answer(req: SandboxRequest): SandboxAnswer {
    this.sb.sweep();
    const fault = this.takeFault(req.apiPath) ?? this.chaosFault(req.apiPath);
    if (fault && fault.mode !== "timeout") return faultAnswer(fault, this.chaos?.retryAfterSeconds ?? null);
    let answer: SandboxAnswer;
    try {
      answer = this.route(req);
    } catch (e) {
      if (!(e instanceof BfxError)) throw e;
      if (e.code === 10114) this.nonceRejected += 1;
      answer = errorAnswer(e);
    }
    // A timeout fault still does the work: the caller cannot tell whether a create happened.
    return fault ? { ...answer, delayMs: fault.delayMs } : answer;
  }

  private route(req: SandboxRequest): SandboxAnswer {
    const path = req.apiPath.replace(/\/+$/, "");
    if (path.startsWith("v2/auth/")) {
      if (req.method !== "POST") return { status: 404, body: "Not Found", contentType: "text/plain" };
      authenticate(this.sb, req);
      this.checkRate(path);
      if (path.includes("/ext/pay/")) {
        const availability = this.sb.settings.payApi;
        // As if Bitfinex had withdrawn the Pay API: the route is simply not there.
        if (availability === "withdrawn") return { status: 404, body: "Not Found", contentType: "text/plain" };
        if (availability === "not_merchant") throw new BfxError(null, "ERR_INVOICE_LIST: ERR_PAY_USER_NOT_MERCHANT");
      }
      if (this.sb.settings.maintenance) throw new BfxError(20060, "maintenance");
      if (
        /\/ext\/pay\/invoice\/create/.test(path) &&
        this.sb.settings.missingKeyScopes.some((s) => INVOICE_SCOPES.includes(s))
      ) {
        throw new BfxError(10001, "api_key: permission invalid");
      }
      const body = readBody(req.body);
      for (const [pattern, handler] of AUTH_ROUTES) {
        const match = pattern.exec(path);
        if (match) return handler(this.sb, body, match);
      }
      return { status: 404, body: "Not Found", contentType: "text/plain" };
    }
    this.checkRate(path);
    if (req.method === "GET" && path === "v2/platform/status") return platformStatus(this.sb);
    if (req.method === "GET" && path === "v2/conf/pub:map:tx:method") return json(txMethodMapAnswer());
    if (req.method === "GET" && path === "v2/ext/pay/invoice/currency/detailed") {
      if (this.sb.settings.payApi === "withdrawn") return { status: 404, body: "Not Found", contentType: "text/plain" };
      return merchant.currencyDetailed(this.sb);
    }
    const tick = /^v2\/ticker\/(t[A-Z0-9:]+)$/.exec(path);
    if (req.method === "GET" && tick) return ticker(this.sb, tick[1]!);
    if (req.method === "POST" && path === "v2/calc/fx") return fx(this.sb, readBody(req.body));
    return { status: 404, body: "Not Found", contentType: "text/plain" };
  }

  private checkRate(path: string) {
    const { group, perMinute } = budgetOf(path);
    if (this.window.count(group, this.sb.now()) > perMinute) throw new BfxError(11010, "ratelimit: error", 429);
  }

  private chaosFault(apiPath: string): Fault | null {
    const chaos = this.chaos;
    if (!chaos || !apiPath.startsWith(chaos.pathPrefix)) return null;
    this.chaosStats.calls += 1;
    if (this.random() >= chaos.rate) return null;
    const mode = chaos.modes[Math.floor(this.random() * chaos.modes.length)]!;
    this.chaosStats.injected[mode] = (this.chaosStats.injected[mode] ?? 0) + 1;
    return { mode, remaining: 1, pathPrefix: chaos.pathPrefix, delayMs: chaos.delayMs };
  }

  private takeFault(apiPath: string): Fault | null {
    const faults = this.sb.settings.faults;
    const index = faults.findIndex((f) => f.remaining > 0 && apiPath.startsWith(f.pathPrefix));
    if (index === -1) return null;
    const fault = faults[index]!;
    const rest = faults
      .map((f, i) => (i === index ? { ...f, remaining: f.remaining - 1 } : f))
      .filter((f) => f.remaining > 0);
    this.sb.updateSettings({ faults: rest });
    return fault;
  }
}

function faultAnswer(fault: Fault, retryAfterSeconds: number | null): SandboxAnswer {
  switch (fault.mode) {
    case "http500":
      return json(["error", 10000, "ERR_UNK"], 500);
    case "http429":
      return {
        ...json(["error", 11010, "ratelimit: error"], 429),
        ...(retryAfterSeconds !== null && { headers: { "retry-after": String(retryAfterSeconds) } }),
      };
    case "nonce":
      return json(["error", 10114, "nonce: small"], 500);
    case "maintenance":
      return json(["error", 20060, "maintenance"], 500);
    case "malformed":
      return { status: 200, body: '[{"id":"trunc', contentType: "application/json" };
    default:
      return json(["error", 10000, "ERR_UNK"], 500);
  }
}

/** A small seeded PRNG, so a chaos run can be repeated call for call. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
