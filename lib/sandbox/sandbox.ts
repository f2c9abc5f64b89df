/**
 * The built-in Bitfinex: its accounts' state and the things that happen to invoices
 * (creation, payment, confirmation, expiry, the one webhook). The HTTP wire format lives in
 * ./api; the control API that simulates payments in ./control.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { makeAddress } from "../chains/addresses";
import { payCurrency } from "../currencies/pay-currencies";
import { encodeBolt11 } from "./lightning/bolt11-encoder";
import { Money, toAmountString } from "../money/decimal";
import { Journal } from "./journal";
import { DEFAULT_USD_PRICES, crossRate } from "./market";
import type { SandboxSettings, SbLnInvoice, SbPayEntry, SbPayInvoice, SbPayment, WebhookAttempt } from "./model";
import { depositMethodFor } from "./methods";
import { webhookToWire } from "./wire";

export interface SandboxOptions {
  apiKey: string;
  apiSecret: string;
  /** Where state is kept across restarts; null keeps it in memory (unit tests). */
  dataDir: string | null;
  now?: () => number;
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

const DEFAULT_SETTINGS: SandboxSettings = {
  payApi: "available",
  maintenance: false,
  lnInvoiceExpirySeconds: 3600,
  dropWebhooks: 0,
  prices: DEFAULT_USD_PRICES,
  faults: [],
  missingKeyScopes: [],
  disabledDepositMethods: [],
  // High, so benchmarks and long runs never meet it unless a test lowers it (POST /sandbox/control/limits).
  customerDailyLimit: "1000000",
  limitCcy: "USD",
  currencyLimits: {},
};

export class Sandbox {
  readonly journal: Journal;
  readonly now: () => number;
  readonly webhookLog: WebhookAttempt[] = [];
  private readonly fetchImpl: typeof fetch;
  private readonly log: (line: string) => void;
  private readonly nodeKey: Uint8Array;
  readonly nodePub: string;

  constructor(readonly options: SandboxOptions) {
    this.journal = new Journal(options.dataDir);
    this.now = options.now ?? Date.now;
    this.fetchImpl = options.fetch ?? fetch;
    this.log = options.log ?? (() => {});
    // The sandbox's Lightning node key, kept so invoices stay verifiable across restarts.
    const meta = this.journal.collection<string>("meta");
    if (!meta.nodeKey) this.journal.put("meta", "nodeKey", bytesToHex(randomBytes(32)));
    this.nodeKey = Uint8Array.from(Buffer.from(this.journal.collection<string>("meta").nodeKey!, "hex"));
    this.nodePub = bytesToHex(secp256k1.getPublicKey(this.nodeKey, true));
  }

  // ---- state ---------------------------------------------------------------------------------

  get settings(): SandboxSettings {
    const stored = this.journal.collection<SandboxSettings>("settings").current;
    return { ...DEFAULT_SETTINGS, ...stored };
  }

  updateSettings(patch: Partial<SandboxSettings>): SandboxSettings {
    const next = { ...this.settings, ...patch };
    this.journal.put("settings", "current", next);
    return next;
  }

  payInvoices(): Record<string, SbPayInvoice> {
    return this.journal.collection<SbPayInvoice>("payInvoices");
  }

  lnInvoices(): Record<string, SbLnInvoice> {
    return this.journal.collection<SbLnInvoice>("lnInvoices");
  }

  savePayInvoice(inv: SbPayInvoice) {
    this.journal.put("payInvoices", inv.id, inv);
  }

  saveLnInvoice(inv: SbLnInvoice) {
    this.journal.put("lnInvoices", inv.paymentHash, inv);
  }

  lastNonce(apiKey: string): bigint {
    const stored = this.journal.collection<string>("nonces")[apiKey];
    return stored ? BigInt(stored) : 0n;
  }

  setLastNonce(apiKey: string, nonce: bigint) {
    this.journal.put("nonces", apiKey, nonce.toString());
  }

  hasDepositAddress(method: string): boolean {
    return Boolean(this.journal.collection<string>("depositAddresses")[method]);
  }

  /** The account's deposit address for a method; `renew` makes a new one (op_renew 1). */
  depositAddress(method: string, renew = false): string {
    const existing = this.journal.collection<string>("depositAddresses")[method];
    if (existing && !renew) return existing;
    const address =
      method === "LNX" ? bytesToHex(randomBytes(16)) : makeAddress("btc", randomBytes(32), { testnet: true });
    this.journal.put("depositAddresses", method, address);
    return address;
  }

  nextDepositId(): number {
    const meta = this.journal.collection<number>("counters");
    const id = (meta.depositId ?? 13_105_600) + 1;
    this.journal.put("counters", "depositId", id);
    return id;
  }

  reset() {
    const nodeKey = this.journal.collection<string>("meta").nodeKey;
    const nonces = { ...this.journal.collection<string>("nonces") };
    this.journal.clear();
    // Keep the node key and the nonces: a running client must not be locked out by a reset.
    this.journal.put("meta", "nodeKey", nodeKey);
    for (const [key, value] of Object.entries(nonces)) this.journal.put("nonces", key, value);
  }

  // ---- money ---------------------------------------------------------------------------------

  /** `amount` of fiat `currency` in `asset`, rounded up to `decimals` so the merchant is never short. */
  convert(amount: string, currency: string, asset: string, decimals: number): string | null {
    const rate = crossRate(this.settings.prices, currency, asset);
    if (!rate) return null;
    return toAmountString(new Money(amount).mul(rate).toDecimalPlaces(decimals, Money.ROUND_UP));
  }

  // ---- invoices ------------------------------------------------------------------------------

  makeLightningInvoice(amountBtc: string, expirySeconds: number, payInvoiceId: string | null): SbLnInvoice {
    const preimage = randomBytes(32);
    const paymentHash = sha256(preimage);
    const createdAt = this.now();
    const paymentRequest = encodeBolt11({
      network: "bcrt",
      amountBtc,
      paymentHash,
      paymentSecret: randomBytes(32),
      timestamp: Math.floor(createdAt / 1000),
      expirySeconds,
      description: payInvoiceId ? `Bitfinex Pay ${payInvoiceId}` : "Bitfinex deposit",
      privateKey: this.nodeKey,
    });
    const inv: SbLnInvoice = {
      invoiceHash: bytesToHex(randomBytes(16)),
      paymentHash: bytesToHex(paymentHash),
      paymentRequest,
      amountBtc,
      // The BOLT11 carries whole seconds; keep the record consistent with it.
      createdAt: Math.floor(createdAt / 1000) * 1000,
      expiresAt: (Math.floor(createdAt / 1000) + expirySeconds) * 1000,
      status: "not_paid",
      paidAt: null,
      depositId: null,
      payInvoiceId,
    };
    this.saveLnInvoice(inv);
    return inv;
  }

  /** Builds a Pay invoice's per-currency entries; null when a currency cannot be priced. */
  makePayEntries(
    id: string,
    amount: string,
    currency: string,
    symbols: string[],
    expiresAt: number,
  ): SbPayEntry[] | null {
    const entries: SbPayEntry[] = [];
    for (const symbol of symbols) {
      const info = payCurrency(symbol);
      if (!info) return null;
      const due = this.convert(amount, currency, info.asset, info.decimals);
      if (!due) return null;
      if (info.format === "lightning") {
        const seconds = Math.max(60, Math.ceil((expiresAt - this.now()) / 1000));
        const ln = this.makeLightningInvoice(due, seconds, id);
        entries.push({
          symbol,
          payCurrency: info.asset,
          poolCurrency: info.pool,
          amount: due,
          address: ln.invoiceHash,
          ext: { hash: ln.paymentHash, payment_request: ln.paymentRequest, node_pub: this.nodePub },
        });
      } else {
        const address = makeAddress(info.format, randomBytes(32), { testnet: true });
        entries.push({ symbol, payCurrency: info.asset, poolCurrency: info.pool, amount: due, address });
      }
    }
    return entries;
  }

  findPayInvoice(idOrHash: string): SbPayInvoice | undefined {
    const direct = this.payInvoices()[idOrHash];
    if (direct) return direct;
    // Also by orderId: the app sends its checkout id there, so the control API accepts checkout ids.
    return Object.values(this.payInvoices()).find(
      (i) => i.orderId === idOrHash || i.invoices.some((e) => e.address === idOrHash || e.ext?.hash === idOrHash),
    );
  }

  findLnInvoice(hash: string): SbLnInvoice | undefined {
    const h = hash.toLowerCase();
    return (
      this.lnInvoices()[h] ??
      Object.values(this.lnInvoices()).find((i) => i.invoiceHash === h || i.paymentRequest === hash)
    );
  }

  /** Records a payment to a Pay invoice entry and moves the invoice on. */
  payPayInvoice(inv: SbPayInvoice, entry: SbPayEntry, amount: string, confirmations: number | undefined): SbPayment {
    const info = payCurrency(entry.symbol);
    const required = info?.confirmations ?? 1;
    const conf = confirmations ?? required;
    const at = this.now();
    const isLightning = entry.poolCurrency === "LNX";
    const payment: SbPayment = {
      symbol: entry.symbol,
      txid: isLightning ? entry.ext!.hash : bytesToHex(randomBytes(32)),
      amount,
      currency: entry.payCurrency,
      method: depositMethodFor(entry.payCurrency, entry.poolCurrency),
      status: isLightning || conf >= required ? "COMPLETED" : "PROCESSING",
      confirmations: conf,
      requiredConfirmations: required,
      createdAt: at,
      updatedAt: at,
      depositId: this.nextDepositId(),
      late: inv.status === "EXPIRED",
    };
    inv.payments.push(payment);
    if (isLightning) {
      const ln = this.findLnInvoice(entry.ext!.hash);
      if (ln) this.saveLnInvoice({ ...ln, status: "paid", paidAt: at, depositId: payment.depositId });
    }
    this.settle(inv);
    return payment;
  }

  setConfirmations(inv: SbPayInvoice, confirmations: number) {
    for (const p of inv.payments) {
      p.confirmations = confirmations;
      if (confirmations >= p.requiredConfirmations) p.status = "COMPLETED";
      p.updatedAt = this.now();
    }
    this.settle(inv);
  }

  /** Amount still due on one entry, from the payments in that currency (confirmed or not). */
  dueOn(inv: SbPayInvoice, entry: SbPayEntry): string {
    const paid = inv.payments
      .filter((p) => p.symbol === entry.symbol)
      .reduce((sum, p) => sum.add(p.amount), new Money(0));
    const due = new Money(entry.amount).sub(paid);
    return toAmountString(due.isNegative() ? new Money(0) : due);
  }

  /** Recomputes the status from payments; fires the webhook on COMPLETED or EXPIRED. */
  settle(inv: SbPayInvoice) {
    if (inv.status === "CREATED" || inv.status === "PENDING") {
      const complete = inv.invoices.some((entry) => {
        const confirmed = inv.payments
          .filter((p) => p.symbol === entry.symbol && p.status === "COMPLETED")
          .reduce((sum, p) => sum.add(p.amount), new Money(0));
        return confirmed.gte(entry.amount);
      });
      if (complete) {
        inv.status = "COMPLETED";
        inv.completedAt = this.now();
      } else if (inv.payments.length > 0) inv.status = "PENDING";
    }
    this.savePayInvoice(inv);
    if ((inv.status === "COMPLETED" || inv.status === "EXPIRED") && !inv.webhookSent) this.sendWebhook(inv);
  }

  expirePayInvoice(inv: SbPayInvoice) {
    if (inv.status === "COMPLETED" || inv.status === "EXPIRED") return;
    inv.status = "EXPIRED";
    inv.expiredAt = this.now();
    this.settle(inv);
  }

  /** Expires whatever is overdue. Cheap: called on every request and once a second. */
  sweep() {
    const now = this.now();
    for (const inv of Object.values(this.payInvoices())) {
      if ((inv.status === "CREATED" || inv.status === "PENDING") && now >= inv.t + inv.duration * 1000)
        this.expirePayInvoice(inv);
    }
    for (const ln of Object.values(this.lnInvoices())) {
      if (ln.status === "not_paid" && now >= ln.expiresAt) this.saveLnInvoice({ ...ln, status: "expired" });
    }
  }

  // ---- webhook -------------------------------------------------------------------------------

  /** Bitfinex calls the webhook once, unsigned, and never retries; so does the sandbox. */
  private sendWebhook(inv: SbPayInvoice) {
    inv.webhookSent = true;
    this.savePayInvoice(inv);
    const url = inv.webhook;
    if (!url) return;
    const attempt: WebhookAttempt = { invoiceId: inv.id, url, status: "sent", at: this.now(), httpStatus: null };
    this.webhookLog.push(attempt);
    if (this.webhookLog.length > 500) this.webhookLog.shift();
    const settings = this.settings;
    if (settings.dropWebhooks > 0) {
      this.updateSettings({ dropWebhooks: settings.dropWebhooks - 1 });
      attempt.status = "dropped";
      this.log(`sandbox: dropped webhook for ${inv.id}`);
      return;
    }
    const body = webhookToWire(inv);
    this.fetchImpl(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
    })
      .then((res) => {
        attempt.httpStatus = res.status;
        if (!res.ok) attempt.status = "failed";
        return res.body?.cancel();
      })
      .catch(() => {
        attempt.status = "failed";
      });
  }

  newInvoiceId(): string {
    return randomUUID();
  }
}
