/**
 * Figure: payment page weight. A fresh checkout's /pay/{id} is loaded in Chromium with an empty
 * cache, and the bytes that came over the wire (gzip, as `next start` sends them) for every script
 * and stylesheet are added up from the DevTools protocol (Network.loadingFinished
 * encodedDataLength: body plus response headers, so a little above the body alone), until the
 * network is idle. The figure is our own part: the payment page minus the framework's floor, the
 * smallest page of the same build weighed in the same run (the 404 page: no client code of ours,
 * so only what Next.js and React ship to every App Router page, and the app's stylesheet). Beside
 * it, the total, and BTCPay Server's checkout at about 137 KB (85 KB JS + 52 KB CSS).
 */
import type { Browser } from "@playwright/test";
import { newCheckout } from "./invoice-cost";
import { round } from "./stats";

export const BTCPAY_KB = { js: 85, css: 52, total: 137 };

/** Bytes of scripts and stylesheets `path` loads, empty cache. */
async function weigh(browser: Browser, url: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const types = new Map<string, string>();
  const urls = new Map<string, string>();
  const bytes = { Script: 0, Stylesheet: 0, Document: 0, other: 0 };
  const files: Array<{ url: string; type: string; bytes: number }> = [];
  cdp.on("Network.responseReceived", (e) => {
    types.set(e.requestId, e.type);
    urls.set(e.requestId, e.response.url);
  });
  cdp.on("Network.loadingFinished", (e) => {
    const type = types.get(e.requestId) ?? "other";
    const key = type === "Script" || type === "Stylesheet" || type === "Document" ? type : "other";
    bytes[key] += e.encodedDataLength;
    files.push({ url: new URL(urls.get(e.requestId) ?? "about:blank").pathname, type, bytes: e.encodedDataLength });
  });
  await page.goto(url, { waitUntil: "networkidle" });
  await context.close();
  return {
    bytes,
    files: files.filter((f) => f.type === "Script" || f.type === "Stylesheet").sort((a, b) => b.bytes - a.bytes),
  };
}

const kb = (n: number) => round(n / 1024);

export async function measurePageWeight(origin: string, browser: Browser) {
  const id = await newCheckout(origin);
  const pay = await weigh(browser, `${origin}/pay/${id}`);
  const reactPage = await weigh(browser, `${origin}/bench-no-such-page`);
  const reactPageKB = kb(reactPage.bytes.Script + reactPage.bytes.Stylesheet);
  const totalKB = kb(pay.bytes.Script + pay.bytes.Stylesheet);
  return {
    jsKB: kb(pay.bytes.Script),
    cssKB: kb(pay.bytes.Stylesheet),
    totalKB,
    htmlKB: kb(pay.bytes.Document),
    /** Scripts and styles of the smallest React page in the same build: the framework's floor. */
    reactPageKB,
    reactPageJsKB: kb(reactPage.bytes.Script),
    /** Payment page ÷ that floor, same run. */
    ratioToReactPage: round(totalKB / reactPageKB, 2),
    /** What the payment page adds to that floor: our own script and style (its client components, SWR, qrcode.react, next-intl). */
    ownKB: round(totalKB - reactPageKB),
    btcpayKB: BTCPAY_KB,
    files: pay.files,
  };
}
