/**
 * Bitfinex's Pay webhook, taken for what it is: an unsigned hint that an invoice changed. The
 * body is only used to find which of our invoices to re-fetch; the re-fetched invoice is what
 * counts, so a forged "COMPLETED" changes nothing. Re-fetches are coalesced per invoice and
 * capped overall, so a flood of hints cannot spend the Bitfinex rate budget.
 */
import { eq } from "drizzle-orm";
import type { CheckoutDeps } from "../checkouts/deps";
import type { InvoiceRow } from "../db/schema";
import { checkoutInvoices } from "../db/schema";
import { refreshInvoice } from "./refresh";

const MIN_GAP_MS = 2_000;
const MAX_PER_MINUTE = 30;

export type HintOutcome = "refreshed" | "unknown_invoice" | "coalesced" | "over_budget" | "ignored";

export class HintHandler {
  private lastRefresh = new Map<string, number>();
  private inflight = new Map<string, Promise<unknown>>();
  private recent: number[] = [];

  constructor(private readonly deps: CheckoutDeps) {}

  async handle(body: unknown): Promise<HintOutcome> {
    const id = typeof body === "object" && body !== null ? (body as { id?: unknown }).id : undefined;
    if (typeof id !== "string" || id.length === 0 || id.length > 100) return "ignored";
    const [invoice] = await this.deps.db
      .select()
      .from(checkoutInvoices)
      .where(eq(checkoutInvoices.upstreamId, id))
      .limit(1);
    if (!invoice || invoice.rail !== "pay") return "unknown_invoice";
    const running = this.inflight.get(id);
    if (running) {
      await running;
      return "coalesced";
    }
    const now = Date.now();
    if (now - (this.lastRefresh.get(id) ?? 0) < MIN_GAP_MS) return "coalesced";
    this.recent = this.recent.filter((t) => now - t < 60_000);
    if (this.recent.length >= MAX_PER_MINUTE) return "over_budget"; // the reconciler will get to it
    this.recent.push(now);
    this.lastRefresh.set(id, now);
    if (this.lastRefresh.size > 10_000) this.lastRefresh.clear();
    const work = this.refresh(invoice).finally(() => this.inflight.delete(id));
    this.inflight.set(id, work);
    await work;
    return "refreshed";
  }

  private refresh(invoice: InvoiceRow) {
    return refreshInvoice(this.deps, invoice, "webhook hint");
  }
}
