/**
 * Figure: payment page speed. Largest Contentful Paint of a fresh checkout's /pay/{id} in Chromium
 * with the CPU slowed 4× (DevTools' Emulation.setCPUThrottlingRate, as Lighthouse's mobile
 * preset does) and an empty cache, read with a PerformanceObserver registered before the page's
 * own scripts. Five loads, a new checkout each; the median is the figure.
 */
import type { Browser } from "@playwright/test";
import { newCheckout } from "./invoice-cost";
import { percentile, round } from "./stats";

const LOADS = 5;
/** Runs in the page before its own scripts (a string: tsx would wrap a function in helpers the page lacks). */
const OBSERVE_LCP = `
  new PerformanceObserver(function (list) {
    for (const entry of list.getEntries()) window.__lcp = entry.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
`;

export async function measurePageSpeed(origin: string, browser: Browser) {
  const lcps: number[] = [];
  for (let n = 0; n < LOADS; n++) {
    const id = await newCheckout(origin);
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.addInitScript({ content: OBSERVE_LCP });
    await page.goto(`${origin}/pay/${id}`, { waitUntil: "load" });
    await page.waitForTimeout(1500);
    // LCP is final once the user interacts; a click on empty space ends it without changing anything.
    await page.mouse.click(1, 1);
    const lcp = await page.evaluate(() => (window as unknown as { __lcp?: number }).__lcp);
    if (lcp === undefined) throw new Error("no largest-contentful-paint entry");
    lcps.push(lcp);
    await context.close();
  }
  return { cpuSlowdown: 4, loads: LOADS, lcpMs: round(percentile(lcps, 50)), samplesMs: lcps.map((x) => round(x)) };
}
