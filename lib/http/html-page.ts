/**
 * A minimal, self-contained HTML page for route handlers that must answer a browser with a
 * proper status code (a tampered link is a 400, not a 200 page that says so). All text escaped.
 */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f8fafc;color:#0f172a}
main{max-width:28rem;width:calc(100% - 2rem);box-sizing:border-box;margin:1rem;padding:2rem;border-radius:1rem;background:#fff;box-shadow:0 1px 3px #0002}h1{font-size:1.25rem;margin:0 0 .5rem}
label span{display:block;font-weight:600}input{display:block;box-sizing:border-box;width:100%;margin-top:.25rem;padding:.5rem .75rem;font-size:1.125rem;border:1px solid #94a3b8;border-radius:.5rem}
button{width:100%;margin-top:1rem;padding:.75rem 1rem;font:inherit;font-weight:600;color:#fff;background:#0f172a;border:0;border-radius:.5rem}.error{color:#b91c1c}
@media (prefers-color-scheme:dark){body{background:#0f172a;color:#e2e8f0}main{background:#1e293b}input{background:#0f172a;color:#e2e8f0}button{background:#fff;color:#0f172a}.error{color:#f87171}}`;

/** A page with a title and body HTML the caller has already escaped. */
export function htmlPage(status: number, title: string, bodyHtml: string, language: { lang: string; dir: "ltr" | "rtl" } = { lang: "en", dir: "ltr" }): Response {
  const body = `<!doctype html><html lang="${escapeHtml(language.lang)}" dir="${language.dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${bodyHtml}</main></body></html>`;
  return new Response(body, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

/** A refused payment link or signed link, for a customer: a 429 says when to try again. */
export function linkErrorPage(e: { status: number; code: string; message: string; extra: Record<string, unknown> }): Response {
  if (e.code !== "rate_limited") return htmlMessage(e.status, "This link cannot be used", e.message);
  const page = htmlMessage(429, "Too many checkouts", e.message);
  page.headers.set("retry-after", String(e.extra.retryAfterSeconds ?? 60));
  return page;
}

export function htmlMessage(status: number, title: string, message: string, language?: { lang: string; dir: "ltr" | "rtl" }): Response {
  return htmlPage(status, title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`, language);
}
