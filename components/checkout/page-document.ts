/**
 * The whole payment page as one HTML document, rendered on the server: the screen as it is now,
 * the checkout as JSON for the browser script, and links to the page's own small stylesheet and
 * script (public/checkout, built by scripts/checkout-assets.mjs). No React runtime is sent: the
 * page weighs a fraction of a framework page (docs/BENCHMARKS.md), which matters on a phone.
 */
import "server-only";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SANDBOX_BANNER_CLASS, SANDBOX_NOTICE } from "@/components/sandbox-banner";
import { direction } from "@/lib/i18n/locales";
import { html, trusted } from "./html";
import type { ScreenModel } from "./model";
import { renderCard, renderFrame } from "./screen";

type Asset = "pay.css" | "pay.js";
const versions = new Map<Asset, string>();

/**
 * `/checkout/pay.js?v=<hash of the file>`: a new build gets a new URL, so the files can be cached
 * for a year. Read once in production; every time in development, where they are rebuilt on change.
 */
export function assetUrl(name: Asset): string {
  let version = process.env.NODE_ENV === "production" ? versions.get(name) : undefined;
  if (!version) {
    try {
      version = createHash("sha256").update(readFileSync(join(process.cwd(), "public", "checkout", name))).digest("hex").slice(0, 12);
    } catch {
      console.error(`public/checkout/${name} is missing: build the app with \`npm run build\` (next build makes it).`);
      version = "missing";
    }
    versions.set(name, version);
  }
  return `/checkout/${name}?v=${version}`;
}

/** JSON inside <script type="application/json">: "<" escaped so no value can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

export function renderPayDocument(m: ScreenModel, opts: { title: string; brand: { color: string; text: string }; sandbox: boolean; now: number }): string {
  const data: Record<string, unknown> = { view: m.view, locale: m.locale, messages: m.messages, merchant: m.merchant, canRestart: m.canRestart, embed: m.embed };
  const style = `--brand:${opts.brand.color};--brand-text:${opts.brand.text}`;
  return `<!doctype html>${html`<html lang="${m.locale}" dir="${direction(m.locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"><title>${opts.title}</title><link rel="stylesheet" href="${assetUrl("pay.css")}"><script src="${assetUrl("pay.js")}" defer></script></head>
<body class="min-h-screen bg-zinc-50 text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100" style="${style}">
${opts.sandbox && html`<div role="status" lang="en" dir="ltr" class="${SANDBOX_BANNER_CLASS}">${SANDBOX_NOTICE}</div>`}
${renderFrame(m, renderCard(m, opts.now))}
<script type="application/json" id="checkout-data">${trusted(scriptJson(data))}</script>
</body></html>`}`;
}
