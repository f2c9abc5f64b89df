/**
 * `/api-keys/authorize` as BTCPay serves it to a plugin's "Generate API key" button: the query
 * (`permissions` repeated, `applicationName`, `strict`, `selectiveStores`, `redirect`,
 * `applicationIdentifier`) read into what the dashboard shows, and on approval a merchant API key
 * with the scopes those permissions need (facts.ts) and the form the browser POSTs to `redirect`:
 * `apiKey`, `userId`, `permissions[]` (each `btcpay.store.<perm>:<storeId>`, exactly the granted
 * ones: the WooCommerce plugin refuses a key with more than it asked for).
 */
import type { ApiKeyScope } from "../api-scopes";
import { sortScopes } from "../api-scopes";
import { urlSchema } from "../checkouts/validation";
import type { Db } from "../db/connect";
import { createApiKey } from "../merchant/api-keys";
import { knownPermission, PERMISSION_SCOPE, PERMISSION_WORDS, STORE_ID, type GreenfieldPermission } from "./facts";
import escape from "escape-html";

export interface AuthorizeRequest {
  applicationName: string;
  /** What we can grant, each once, in the order asked. */
  granted: Array<{ permission: GreenfieldPermission; words: string }>;
  /** Asked for but not served here (shown, not granted). */
  unavailable: string[];
  /** Where the key goes; null (with `problem`) when missing or not allowed. */
  redirect: string | null;
  problem: string | null;
}

export function parseAuthorizeRequest(query: URLSearchParams, mode: "sandbox" | "live"): AuthorizeRequest {
  const asked = [...query.getAll("permissions"), ...query.getAll("permissions[]")].flatMap((p) => p.split(","));
  const granted: AuthorizeRequest["granted"] = [];
  const unavailable: string[] = [];
  for (const raw of asked.map((p) => p.trim()).filter(Boolean)) {
    const known = knownPermission(raw);
    if (!known) unavailable.push(raw);
    else if (!granted.some((g) => g.permission === known))
      granted.push({ permission: known, words: PERMISSION_WORDS[known] });
  }
  const applicationName = (query.get("applicationName") ?? "").trim().slice(0, 60) || "a BTCPay plugin";
  const rawRedirect = query.get("redirect");
  let redirect: string | null = null;
  let problem: string | null = null;
  if (!rawRedirect) problem = "The request names no redirect address, so there is nowhere to send the key.";
  else {
    const r = urlSchema(mode).safeParse(rawRedirect);
    if (r.success) redirect = r.data;
    else problem = `The redirect address ${rawRedirect} ${r.error.issues[0]!.message}.`;
  }
  if (!problem && granted.length === 0) problem = "The request asks for no permission this server can grant.";
  return { applicationName, granted, unavailable, redirect, problem };
}

export function scopesFor(granted: AuthorizeRequest["granted"]): ApiKeyScope[] {
  return sortScopes(granted.map((g) => PERMISSION_SCOPE[g.permission]));
}

export async function approve(db: Db, req: AuthorizeRequest, userId: string) {
  if (req.problem || !req.redirect) throw new Error(req.problem ?? "no redirect");
  const key = await createApiKey(db, `${req.applicationName} (BTCPay plugin)`.slice(0, 80), scopesFor(req.granted));
  return {
    keyId: key.id,
    scopes: key.scopes,
    action: req.redirect,
    fields: [
      ["apiKey", key.key],
      ["userId", userId],
      ...req.granted.map((g) => ["permissions[]", `${g.permission}:${STORE_ID}`] as [string, string]),
    ] as Array<[string, string]>,
  };
}

/** The page that POSTs the key to the plugin: at once with the nonce'd script, or by its button. */
export function formPostPage(form: { action: string; fields: Array<[string, string]> }, nonce: string | null): string {
  const inputs = form.fields.map(([n, v]) => `<input type="hidden" name="${escape(n)}" value="${escape(v)}">`).join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><title>Sending the key to your shop</title></head><body style="font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem"><h1 style="font-size:1.25rem">Sending the key to your shop…</h1><form id="greenfield-authorize" method="post" action="${escape(form.action)}">${inputs}<button type="submit" style="padding:.5rem 1rem;font:inherit">Continue to ${escape(new URL(form.action).host)}</button></form>${
    nonce ? `<script nonce="${escape(nonce)}">document.getElementById("greenfield-authorize").submit();</script>` : ""
  }</body></html>`;
}
