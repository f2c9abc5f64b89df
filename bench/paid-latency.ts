/**
 * Figure: paid → the customer sees it. A real Chromium page is open on a checkout whose customer
 * has picked Bitcoin (the QR is on screen); the sandbox is told to pay the invoice (as a wallet
 * would); the time is taken until the page shows "paid". The page stamps that moment itself (a
 * MutationObserver, wall clock), so Playwright's own polling adds nothing. The path being timed:
 * the sandbox's one webhook → the app re-fetches the invoice → the change feed → the page's status
 * stream (or, with the stream blocked, the page's next status poll).
 */
import type { Browser } from "@playwright/test";
import { newCheckout, startPaying } from "./invoice-cost";
import { summarize } from "./stats";

const SAMPLES = 20;
const PAID = '[data-testid="final-state"][data-state="paid"]';
/** Runs in the page before its own scripts: stamps the wall-clock moment "paid" first appears. */
const STAMP_PAID = `
  new MutationObserver(function () {
    if (window.__paidAt === undefined && document.querySelector('${PAID}')) window.__paidAt = performance.timeOrigin + performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true });
`;

/** `blockStream`: the page's status stream is refused (as a proxy that does not pass it would), so it polls. */
export async function measurePaidLatency(origin: string, browser: Browser, opts: { blockStream?: boolean } = {}) {
  const samples: number[] = [];
  for (let n = 0; n < SAMPLES; n++) {
    const id = await newCheckout(origin);
    await startPaying(origin, id);
    const context = await browser.newContext();
    const page = await context.newPage();
    if (opts.blockStream) await page.route("**/api/checkouts/*/events", (route) => route.abort());
    // A string, not a function: tsx would wrap named functions in a helper the page does not have.
    await page.addInitScript({ content: STAMP_PAID });
    await page.goto(`${origin}/pay/${id}`);
    await page.getByTestId("qr").waitFor({ state: "visible", timeout: 30_000 });
    // Let the page settle into its polling rhythm; the payment then lands at a random point of it.
    await page.waitForTimeout(500 + Math.random() * 2000);
    const paidAt = Date.now();
    const res = await fetch(`${origin}/sandbox/control/invoices/${id}/pay`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    if (!res.ok) throw new Error(`sandbox pay: ${res.status} ${await res.text()}`);
    await page.locator(PAID).waitFor({ timeout: 30_000 });
    const seenAt = await page.evaluate(() => (window as unknown as { __paidAt?: number }).__paidAt);
    if (seenAt === undefined) throw new Error("the page did not stamp the paid state");
    samples.push(seenAt - paidAt);
    await context.close();
  }
  return { samples: samples.length, ms: summarize(samples) };
}
