/**
 * Bitfinex's Pay webhook, taken for what it is: an unsigned hint that an invoice changed. The
 * body is only used to find which of our invoices to re-fetch; the re-fetched invoice is what
 * counts, so a forged "COMPLETED" changes nothing. Re-fetches are coalesced per invoice and
 * capped overall, so a flood of hints cannot spend the Bitfinex rate budget.
 *
 * A hint is never lost to coalescing: one that arrives while the invoice is being re-fetched, or
 * within MIN_GAP_MS of the last re-fetch, schedules one trailing re-fetch at the gap's end (at
 * most one waits per invoice, whatever the number of hints), so a stream of forged hints for a
 * real invoice id cannot keep its real change from being read. The trailing re-fetch counts
 * against the overall cap like any other; over the cap, the reconciler gets to it.
 */
import { eq } from "drizzle-orm";
import type { CheckoutDeps } from "../checkouts/deps";
import type { InvoiceRow } from "../db/schema";
import { checkoutInvoices } from "../db/schema";
import { refreshInvoice } from "./refresh";
import { railView } from "../checkouts/rails/views";

export const MIN_GAP_MS = 2_000;
export const MAX_PER_MINUTE = 30;

export type HintOutcome = "refreshed" | "unknown_invoice" | "coalesced" | "over_budget" | "ignored";

export class HintHandler {
  private lastRefresh = new Map<string, number>();
  private inflight = new Map<string, Promise<unknown>>();
  /** One trailing re-fetch per invoice, waiting for the gap to end. */
  private trailing = new Map<string, Promise<void>>();
  private recent: number[] = [];

  constructor(
    private readonly deps: CheckoutDeps,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms).unref?.()),
  ) {}

  async handle(body: unknown): Promise<HintOutcome> {
    const id = typeof body === "object" && body !== null ? (body as { id?: unknown }).id : undefined;
    if (typeof id !== "string" || id.length === 0 || id.length > 100) return "ignored";
    const [invoice] = await this.deps.db
      .select()
      .from(checkoutInvoices)
      .where(eq(checkoutInvoices.upstreamId, id))
      .limit(1);
    if (!invoice || !railView(invoice.rail).hearsWebhooks) return "unknown_invoice";
    if (this.inflight.has(id) || this.deps.now() - (this.lastRefresh.get(id) ?? 0) < MIN_GAP_MS) {
      this.scheduleTrailing(id, invoice);
      return "coalesced";
    }
    return this.start(id, invoice);
  }

  /** Resolves when every trailing re-fetch scheduled so far has run (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.trailing.size > 0) await Promise.all([...this.trailing.values()]);
  }

  private async start(id: string, invoice: InvoiceRow): Promise<HintOutcome> {
    const now = this.deps.now();
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

  private scheduleTrailing(id: string, invoice: InvoiceRow) {
    if (this.trailing.has(id)) return; // one is already waiting: it will read the latest state
    const run = (async () => {
      await this.inflight.get(id)?.catch(() => {});
      const wait = (this.lastRefresh.get(id) ?? 0) + MIN_GAP_MS - this.deps.now();
      if (wait > 0) await this.sleep(wait);
      await this.inflight.get(id)?.catch(() => {});
      // Leaves the slot before fetching, so a hint during this re-fetch schedules the next one.
      this.trailing.delete(id);
      await this.start(id, invoice);
    })().catch((e: unknown) => {
      if (this.trailing.get(id) === run) this.trailing.delete(id);
      this.deps.log(`webhook hint: trailing re-fetch of ${id} failed: ${e instanceof Error ? e.message : String(e)}`);
    });
    this.trailing.set(id, run);
  }

  private refresh(invoice: InvoiceRow) {
    return refreshInvoice(this.deps, invoice, "webhook hint");
  }
}
