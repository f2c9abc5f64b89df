/**
 * A minimal, self-contained HTML page for route handlers that must answer a browser with a proper
 * status code (a tampered link is a 400, a turned-off link a 410, a bad amount a 422: App Router
 * pages can only say 200 or 404, and Next refuses react-dom/server in route handlers, so React
 * cannot render these), in the customer's language and in the payment page's colours. All text is
 * escaped by `escape-html` (Express's escaper), not by a hand-written one.
 */
import escape from "escape-html";
import { getLocale, getTranslations } from "next-intl/server";
import { direction } from "../i18n/locales";

export const escapeHtml = (s: string): string => escape(s);

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#fafafa;color:#18181b}
main{max-width:28rem;width:calc(100% - 2rem);box-sizing:border-box;margin:1rem;padding:1.5rem;border-radius:1rem;background:#fff;box-shadow:0 0 0 1px #e4e4e7}h1{font-size:1.25rem;margin:0 0 .5rem}
label span{display:block;font-weight:600}input{display:block;box-sizing:border-box;width:100%;margin-top:.25rem;padding:.5rem .75rem;font-size:1.125rem;border:1px solid #a1a1aa;border-radius:.5rem}
button{width:100%;margin-top:1rem;padding:.75rem 1rem;font:inherit;font-weight:600;color:#fff;background:#18181b;border:0;border-radius:.5rem}.error{color:#b91c1c}
@media (prefers-color-scheme:dark){body{background:#09090b;color:#f4f4f5}main{background:#18181b;box-shadow:0 0 0 1px #27272a}input{background:#09090b;color:#f4f4f5}button{background:#fff;color:#18181b}.error{color:#f87171}}`;

/** A page with a title and body HTML the caller has already escaped, in the request's language. */
export async function htmlPage(status: number, title: string, bodyHtml: string): Promise<Response> {
  const locale = await getLocale();
  const body = `<!doctype html><html lang="${locale}" dir="${direction(locale as Parameters<typeof direction>[0])}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><link rel="icon" href="/favicon.ico"><style>${STYLE}</style></head>
<body><main>${bodyHtml}</main></body></html>`;
  return new Response(body, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}

export function htmlMessage(status: number, title: string, message: string): Promise<Response> {
  return htmlPage(status, title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}

/** A refused payment link or signed link, for a customer: a 429 says when to try again. */
export async function linkErrorPage(e: {
  status: number;
  code: string;
  extra: Record<string, unknown>;
}): Promise<Response> {
  const t = await getTranslations();
  if (e.code !== "rate_limited") return htmlMessage(e.status, t("linkRefusedTitle"), t("linkRefusedBody"));
  const seconds = Number(e.extra.retryAfterSeconds ?? 60);
  const page = await htmlMessage(429, t("tooManyTitle"), t("tooManyBody", { seconds }));
  page.headers.set("retry-after", String(seconds));
  return page;
}
