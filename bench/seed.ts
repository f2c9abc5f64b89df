/**
 * Seeds a fresh DATA_DIR (or a PostgreSQL database, with a fourth argument) with N open checkouts
 * whose customers have already started paying, before the server starts. Run as its own process (PGlite allows one process per data folder):
 *
 *   node --conditions=react-server --import tsx bench/seed.ts <dataDir> <count> <appUrl>
 *
 * Why not the HTTP API: starting a payment creates a Bitfinex Pay invoice, and the sandbox (like
 * Bitfinex) allows 90 such calls a minute, so 10,000 would take almost two hours. Instead this
 * runs the app's own engine — `createCheckout` and `startPayment`, the same code the API routes
 * call — against the same DATA_DIR, with a Bitfinex client whose transport hands each request
 * straight to the sandbox's own handlers (lib/sandbox/api) on the same sandbox state folder. So
 * every checkout is a real `awaiting_payment` checkout with an open Pay invoice that the sandbox
 * knows, scheduled for the reconciler exactly as if a customer had picked a currency; only the
 * sandbox's rate limit and request signing are skipped while seeding.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createBitfinexClient } from "../lib/bitfinex/client";
import { FamilyLimiter } from "../lib/bitfinex/limiter";
import { FAMILY_LIMITS } from "../lib/bitfinex/rate-limits";
import { createCheckout } from "../lib/checkouts/create";
import { DepositMethodMap } from "../lib/checkouts/rails/deposit-method-map";
import type { CheckoutDeps } from "../lib/checkouts/deps";
import { startPayment } from "../lib/checkouts/start-payment";
import { checkoutInputSchema } from "../lib/checkouts/validation";
import { openDatabase } from "../lib/db/connect";
import { RailsMonitor } from "../lib/rail-health/health";
import { readBody, BfxError, errorAnswer, type SandboxAnswer } from "../lib/sandbox/api/http";
import { invoicePayments } from "../lib/sandbox/api/lightning";
import * as pay from "../lib/sandbox/api/pay";
import { Sandbox } from "../lib/sandbox/sandbox";

const SEED_BASE = "http://sandbox.seed.invalid/sandbox/bitfinex";
/** Long enough to stay open through a whole bench run. */
const DURATION_SECONDS = 4 * 3600;
/** What customers picked, in turn: every Pay-rail currency the default checkout offers. */
const PICKS = ["BTC", "UST-TRX", "LNX", "ETH", "UST-ETH"];

/** The sandbox's handlers for the few calls starting a payment makes, without rate limits or signatures. */
function directFetch(sb: Sandbox): typeof fetch {
  return async (input, init) => {
    const url = String(input);
    if (!url.startsWith(SEED_BASE + "/")) throw new Error(`seed: unexpected call ${url}`);
    const path = url.slice(SEED_BASE.length + 1);
    let answer: SandboxAnswer;
    try {
      const body = readBody(typeof init?.body === "string" ? init.body : "");
      if (path === "v2/auth/w/ext/pay/invoice/create/pos") answer = pay.createInvoice(sb, body, "POS");
      else if (path === "v2/auth/w/ext/pay/invoice/create") answer = pay.createInvoice(sb, body, "ECOMMERCE");
      else if (path === "v2/auth/r/ext/pay/invoices") answer = pay.listInvoices(sb, body);
      else if (path === "v2/auth/r/ext/invoice/payments") answer = invoicePayments(sb, body);
      else throw new Error(`seed: no direct handler for ${path}`);
    } catch (e) {
      if (!(e instanceof BfxError)) throw e;
      answer = errorAnswer(e);
    }
    return new Response(answer.body, { status: answer.status, headers: { "content-type": "application/json" } });
  };
}

/** Seeds and returns the new checkouts' ids (also written to `<dataDir>/bench-ids.json`). */
export async function seed(dataDir: string, count: number, appUrl: string, databaseUrl?: string): Promise<string[]> {
  const sb = new Sandbox({ apiKey: "seed", apiSecret: "seed", dataDir: join(dataDir, "sandbox") });
  const handle = await openDatabase(databaseUrl ? { url: databaseUrl } : { dataDir: join(dataDir, "pglite") });
  const unlimited = Object.fromEntries(
    Object.entries(FAMILY_LIMITS).map(([k, v]) => [k, { ...v, requests: Number.MAX_SAFE_INTEGER }]),
  ) as typeof FAMILY_LIMITS;
  const client = createBitfinexClient({
    apiKey: "seed",
    apiSecret: "seed",
    restUrl: SEED_BASE,
    publicUrl: SEED_BASE,
    timeoutMs: 10_000,
    fetch: directFetch(sb),
    limiter: new FamilyLimiter(unlimited),
  });
  const deps: CheckoutDeps = {
    db: handle.db,
    bitfinex: client,
    rails: new RailsMonitor(client),
    methods: new DepositMethodMap(() => client.market.getTxMethodMap()),
    mode: "sandbox",
    appUrl,
    now: Date.now,
    log: (line) => console.warn(line),
  };
  const schema = checkoutInputSchema("sandbox");
  const ids: string[] = new Array(count);
  try {
    // A few customers at a time: the database waits on its files between queries.
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < count; i = next++) {
        const input = schema.parse({
          amount: (10 + (i % 90)).toFixed(2),
          currency: "USD",
          orderId: `bench-${i}`,
          duration: DURATION_SECONDS,
        });
        const { checkout } = await createCheckout(deps, input, { source: "api" });
        await startPayment(deps, checkout.id, { payCurrency: PICKS[i % PICKS.length] });
        ids[i] = checkout.id;
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  } finally {
    await handle.close();
    sb.journal.compact();
  }
  writeFileSync(join(dataDir, "bench-ids.json"), JSON.stringify(ids));
  return ids;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dataDir, countText, appUrl, databaseUrl] = process.argv.slice(2);
  const count = Number(countText);
  if (!dataDir || !Number.isInteger(count) || count < 0 || !appUrl) {
    console.error("usage: seed.ts <dataDir> <count> <appUrl> [databaseUrl]");
    process.exit(2);
  }
  const started = Date.now();
  await seed(dataDir, count, appUrl, databaseUrl);
  console.log(JSON.stringify({ seeded: count, ms: Date.now() - started }));
}
