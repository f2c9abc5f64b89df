// The dashboard's API with a signed-in session (without one every route answers 401: the crawl in
// security.spec.ts). Bad input from the merchant's own forms is refused field by field too.
import type { Endpoint, HostileCase } from "./types";
import { BAD_AMOUNTS, BAD_URLS } from "./values";

const invalid = (field: string) => ({ status: 422, code: "invalid_field", field });
const s = (c: Omit<HostileCase, "session">): HostileCase => ({ ...c, session: true });

const checkouts: HostileCase[] = [
  ...BAD_AMOUNTS.filter((_, i) => i % 4 === 0).map(([name, amount]) => s({ name: `new checkout, amount: ${name}`, path: "/api/dashboard/checkouts", method: "POST", json: { amount, currency: "USD", orderId: "D-1" }, expect: invalid("amount") })),
  s({ name: "new checkout, redirectUrl javascript:", path: "/api/dashboard/checkouts", method: "POST", json: { amount: "5.00", currency: "USD", orderId: "D-1", redirectUrl: "javascript:alert(1)" }, expect: invalid("redirectUrl") }),
  s({ name: "new checkout, an unknown field", path: "/api/dashboard/checkouts", method: "POST", json: { amount: "5.00", currency: "USD", orderId: "D-1", source: "api" }, expect: invalid("source") }),
  s({ name: "new checkout, invalid JSON", path: "/api/dashboard/checkouts", method: "POST", body: "{", headers: { "content-type": "application/json" }, expect: { status: 400, code: "invalid_json" } }),
  s({ name: "new checkout, from another site", path: "/api/dashboard/checkouts", method: "POST", json: { amount: "5.00", currency: "USD", orderId: "D-1" }, headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" }, expect: { status: 403, code: "cross_site_request" } }),
  s({ name: "new checkout, from a null origin", path: "/api/dashboard/checkouts", method: "POST", json: { amount: "5.00", currency: "USD", orderId: "D-1" }, headers: { origin: "null", "sec-fetch-site": "" }, expect: { status: 403, code: "cross_site_request" } }),
  s({ name: "new checkout, from a sibling site", path: "/api/dashboard/checkouts", method: "POST", json: { amount: "5.00", currency: "USD", orderId: "D-1" }, headers: { "sec-fetch-site": "same-site" }, expect: { status: 403, code: "cross_site_request" } }),
  s({ name: "expire an unknown checkout", path: "/api/dashboard/checkouts/co_aaaaaaaaaaaaaaaaaaaaaaaaaa/expire", method: "POST", expect: { status: 404, code: "not_found" } }),
  s({ name: "expire with SQL as the id", path: `/api/dashboard/checkouts/${encodeURIComponent("x' OR 1=1 --")}/expire`, method: "POST", expect: { status: 404, code: "not_found" } }),
  s({ name: "complete without a Pay invoice", path: "/api/dashboard/checkouts/{co}/complete", method: "POST", json: { payCurrency: "BTC", depositId: 1 }, expect: { status: 409, code: "no_pay_invoice" } }),
  s({ name: "complete without payCurrency", path: "/api/dashboard/checkouts/{co}/complete", method: "POST", json: { depositId: 1 }, expect: invalid("payCurrency") }),
  s({ name: "complete with neither deposit nor ledger id", path: "/api/dashboard/checkouts/{co}/complete", method: "POST", json: { payCurrency: "BTC" }, expect: invalid("depositId") }),
  s({ name: "complete with a negative deposit id", path: "/api/dashboard/checkouts/{co}/complete", method: "POST", json: { payCurrency: "BTC", depositId: -5 }, expect: invalid("depositId") }),
  s({ name: "complete with a fractional deposit id", path: "/api/dashboard/checkouts/{co}/complete", method: "POST", json: { payCurrency: "BTC", depositId: 1.5 }, expect: invalid("depositId") }),
  s({ name: "complete with a deposit id of words", path: "/api/dashboard/checkouts/{co}/complete", method: "POST", json: { payCurrency: "BTC", depositId: "one" }, expect: invalid("depositId") }),
  s({ name: "complete with a deposit id of true", path: "/api/dashboard/checkouts/{co}/complete", method: "POST", json: { payCurrency: "BTC", depositId: true }, expect: invalid("depositId") }),
  s({ name: "complete with a deposit id of 1e400", path: "/api/dashboard/checkouts/{co}/complete", method: "POST", body: '{"payCurrency":"BTC","depositId":1e400}', headers: { "content-type": "application/json" }, expect: invalid("depositId") }),
  s({ name: "complete an unknown checkout", path: "/api/dashboard/checkouts/co_aaaaaaaaaaaaaaaaaaaaaaaaaa/complete", method: "POST", json: { payCurrency: "BTC", depositId: 1 }, expect: { status: 404, code: "not_found" } }),
  s({ name: "export with an unknown state", path: "/api/dashboard/checkouts/export?state=stolen", expect: { status: 400, code: "invalid_query", field: "state[0]" } }),
  s({ name: "export with a bad date", path: "/api/dashboard/checkouts/export?createdFrom=2026-02-30", expect: { status: 400, code: "invalid_query", field: "createdFrom" } }),
  s({ name: "export with an unknown parameter", path: "/api/dashboard/checkouts/export?format=xlsx", expect: { status: 400, code: "invalid_query", field: "format" } }),
];

const links: HostileCase[] = [
  s({ name: "new link, name missing", path: "/api/dashboard/payment-links", method: "POST", json: { currency: "USD" }, expect: invalid("name") }),
  s({ name: "new link, amount 0", path: "/api/dashboard/payment-links", method: "POST", json: { name: "x", currency: "USD", amount: "0" }, expect: invalid("amount") }),
  s({ name: "new link, data: redirect", path: "/api/dashboard/payment-links", method: "POST", json: { name: "x", currency: "USD", redirectUrl: "data:text/html,hi" }, expect: invalid("redirectUrl") }),
  s({ name: "new link, Content-Type text/plain", path: "/api/dashboard/payment-links", method: "POST", body: '{"name":"x"}', headers: { "content-type": "text/plain" }, expect: { status: 415, code: "unsupported_media_type" } }),
  s({ name: "turn a link off with \"no\"", path: "/api/dashboard/payment-links/{link}", method: "PATCH", json: { active: "no" }, expect: invalid("active") }),
  s({ name: "turn an unknown link off", path: "/api/dashboard/payment-links/lnk_aaaaaaaaaaaaaaaaaaaaaaaaaa", method: "PATCH", json: { active: false }, expect: { status: 404, code: "not_found" } }),
  s({ name: "edit a link, a preset outside its range", path: "/api/dashboard/payment-links/{openLink}", method: "PATCH", json: { presetAmounts: ["1.00"] }, expect: invalid("presetAmounts[0]") }),
  s({ name: "edit a link, a data: redirect", path: "/api/dashboard/payment-links/{link}", method: "PATCH", json: { redirectUrl: "data:text/html,hi" }, expect: invalid("redirectUrl") }),
  s({ name: "signed link, valid for 0 hours", path: "/api/dashboard/signed-links", method: "POST", json: { amount: "5.00", currency: "USD", orderId: "S-1", expiresInHours: 0 }, expect: invalid("expiresInHours") }),
  s({ name: "signed link, valid for a fraction of an hour", path: "/api/dashboard/signed-links", method: "POST", json: { amount: "5.00", currency: "USD", orderId: "S-1", expiresInHours: 0.5 }, expect: invalid("expiresInHours") }),
  s({ name: "signed link, valid for ten years", path: "/api/dashboard/signed-links", method: "POST", json: { amount: "5.00", currency: "USD", orderId: "S-1", expiresInHours: 87600 }, expect: invalid("expiresInHours") }),
  s({ name: "signed link, hours as a string", path: "/api/dashboard/signed-links", method: "POST", json: { amount: "5.00", currency: "USD", orderId: "S-1", expiresInHours: "24" }, expect: invalid("expiresInHours") }),
  s({ name: "signed link, an exp set by hand", path: "/api/dashboard/signed-links", method: "POST", json: { amount: "5.00", currency: "USD", orderId: "S-1", exp: 1 }, expect: invalid("exp") }),
  s({ name: "signed link, amount as a number", path: "/api/dashboard/signed-links", method: "POST", json: { amount: 5, currency: "USD", orderId: "S-1" }, expect: invalid("amount") }),
  s({ name: "signed link, an order id with a newline", path: "/api/dashboard/signed-links", method: "POST", json: { amount: "5.00", currency: "USD", orderId: "S-1\nX" }, expect: invalid("orderId") }),
  s({ name: "new checkout, an Idempotency-Key with a space", path: "/api/dashboard/checkouts", method: "POST", json: { amount: "5.00", currency: "USD", orderId: "D-1" }, headers: { "idempotency-key": "a key" }, expect: { status: 400, code: "invalid_header", field: "Idempotency-Key" } }),
];

const keys: HostileCase[] = [
  s({ name: "new key, name missing", path: "/api/dashboard/api-keys", method: "POST", json: {}, expect: invalid("name") }),
  s({ name: "new key, name of spaces", path: "/api/dashboard/api-keys", method: "POST", json: { name: "   " }, expect: invalid("name") }),
  s({ name: "new key, name of 101 characters", path: "/api/dashboard/api-keys", method: "POST", json: { name: "k".repeat(101) }, expect: invalid("name") }),
  s({ name: "new key, name a number", path: "/api/dashboard/api-keys", method: "POST", json: { name: 5 }, expect: invalid("name") }),
  s({ name: "new key, a key chosen by the caller", path: "/api/dashboard/api-keys", method: "POST", json: { name: "x", key: "sk_mine" }, expect: invalid("key") }),
  s({ name: "new key, from another site", path: "/api/dashboard/api-keys", method: "POST", json: { name: "x" }, headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" }, expect: { status: 403, code: "cross_site_request" } }),
  s({ name: "revoke an unknown key", path: "/api/dashboard/api-keys/key_aaaaaaaaaaaaaaaaaaaaaaaaaa", method: "DELETE", expect: { status: 404, code: "not_found" } }),
  s({ name: "revoke with SQL as the id", path: `/api/dashboard/api-keys/${encodeURIComponent("' OR 1=1 --")}`, method: "DELETE", expect: { status: 404, code: "not_found" } }),
  s({ name: "revoke from another site", path: "/api/dashboard/api-keys/key_aaaaaaaaaaaaaaaaaaaaaaaaaa", method: "DELETE", headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" }, expect: { status: 403, code: "cross_site_request" } }),
];

const settings: HostileCase[] = [
  s({ name: "brand colour as a name", path: "/api/dashboard/settings", method: "PATCH", json: { brandColor: "red" }, expect: invalid("brandColor") }),
  s({ name: "brand colour with CSS injection", path: "/api/dashboard/settings", method: "PATCH", json: { brandColor: "#fff;background:url(https://evil.example)" }, expect: invalid("brandColor") }),
  s({ name: "logo javascript:", path: "/api/dashboard/settings", method: "PATCH", json: { logoUrl: "javascript:alert(1)" }, expect: invalid("logoUrl") }),
  s({ name: "logo data:", path: "/api/dashboard/settings", method: "PATCH", json: { logoUrl: "data:image/svg+xml,<svg onload=alert(1)>" }, expect: invalid("logoUrl") }),
  s({ name: "logo over http", path: "/api/dashboard/settings", method: "PATCH", json: { logoUrl: "http://evil.example/logo.png" }, expect: invalid("logoUrl") }),
  s({ name: "logo protocol-relative", path: "/api/dashboard/settings", method: "PATCH", json: { logoUrl: "//evil.example/logo.png" }, expect: invalid("logoUrl") }),
  s({ name: "logo with a quote", path: "/api/dashboard/settings", method: "PATCH", json: { logoUrl: '/logo.svg" onerror="alert(1)' }, expect: invalid("logoUrl") }),
  s({ name: "logo with a backslash", path: "/api/dashboard/settings", method: "PATCH", json: { logoUrl: "/\\evil.example/logo.png" }, expect: invalid("logoUrl") }),
  s({ name: "merchant name empty", path: "/api/dashboard/settings", method: "PATCH", json: { merchantName: "" }, expect: invalid("merchantName") }),
  s({ name: "merchant name of 81 characters", path: "/api/dashboard/settings", method: "PATCH", json: { merchantName: "m".repeat(81) }, expect: invalid("merchantName") }),
  s({ name: "default duration 10 s", path: "/api/dashboard/settings", method: "PATCH", json: { defaultDurationSeconds: 10 }, expect: invalid("defaultDurationSeconds") }),
  s({ name: "default duration a string", path: "/api/dashboard/settings", method: "PATCH", json: { defaultDurationSeconds: "900" }, expect: invalid("defaultDurationSeconds") }),
  s({ name: "default pay currencies empty", path: "/api/dashboard/settings", method: "PATCH", json: { defaultPayCurrencies: [] }, expect: invalid("defaultPayCurrencies") }),
  s({ name: "default pay currencies unknown", path: "/api/dashboard/settings", method: "PATCH", json: { defaultPayCurrencies: ["BTC", "FAKE"] }, expect: invalid("defaultPayCurrencies[1]") }),
  s({ name: "embed origin with a path", path: "/api/dashboard/settings", method: "PATCH", json: { embedOrigins: ["https://shop.example/checkout"] }, expect: invalid("embedOrigins[0]") }),
  s({ name: "embed origin javascript:", path: "/api/dashboard/settings", method: "PATCH", json: { embedOrigins: ["javascript:alert(1)"] }, expect: invalid("embedOrigins[0]") }),
  s({ name: "embed origin with credentials", path: "/api/dashboard/settings", method: "PATCH", json: { embedOrigins: ["https://u:p@shop.example"] }, expect: invalid("embedOrigins[0]") }),
  s({ name: "embed origin a wildcard", path: "/api/dashboard/settings", method: "PATCH", json: { embedOrigins: ["*"] }, expect: invalid("embedOrigins[0]") }),
  s({ name: "embed origin that breaks the CSP header", path: "/api/dashboard/settings", method: "PATCH", json: { embedOrigins: ["https://shop.example; script-src *"] }, expect: invalid("embedOrigins[0]") }),
  s({ name: "21 embed origins", path: "/api/dashboard/settings", method: "PATCH", json: { embedOrigins: Array.from({ length: 21 }, (_, i) => `https://s${i}.example`) }, expect: invalid("embedOrigins") }),
  s({ name: "an unknown setting", path: "/api/dashboard/settings", method: "PATCH", json: { mode: "live" }, expect: invalid("mode") }),
  s({ name: "settings from another site", path: "/api/dashboard/settings", method: "PATCH", json: { merchantName: "Evil" }, headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" }, expect: { status: 403, code: "cross_site_request" } }),
];

const webhook: HostileCase[] = [
  ...BAD_URLS.slice(0, 12).filter(([, v]) => typeof v === "string").map(([name, url]) => s({ name: `webhook URL: ${name}`, path: "/api/dashboard/webhook", method: "PUT", json: { url }, expect: invalid("url") })),
  s({ name: "webhook URL: 2001 characters", path: "/api/dashboard/webhook", method: "PUT", json: { url: `https://x.example/${"a".repeat(2000)}` }, expect: invalid("url") }),
  s({ name: "webhook URL: a number", path: "/api/dashboard/webhook", method: "PUT", json: { url: 1 }, expect: invalid("url") }),
  s({ name: "webhook URL: missing", path: "/api/dashboard/webhook", method: "PUT", json: {}, expect: invalid("url") }),
  s({ name: "webhook URL: from another site", path: "/api/dashboard/webhook", method: "PUT", json: { url: "https://evil.example/hook" }, headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" }, expect: { status: 403, code: "cross_site_request" } }),
  s({ name: "rotate the secret from another site", path: "/api/dashboard/webhook/secret", method: "POST", headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" }, expect: { status: 403, code: "cross_site_request" } }),
  s({ name: "resend an unknown event", path: "/api/dashboard/notifications/evt_aaaaaaaaaaaaaaaaaaaaaaaaaa/resend", method: "POST", expect: { status: 404, code: "not_found" } }),
  s({ name: "resend with SQL as the id", path: `/api/dashboard/notifications/${encodeURIComponent("' OR 1=1 --")}/resend`, method: "POST", expect: { status: 404, code: "not_found" } }),
  s({ name: "a test event from another site", path: "/api/dashboard/notifications/test", method: "POST", headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" }, expect: { status: 403, code: "cross_site_request" } }),
];

// Forged sessions: cookies that look like a session but are not one the app signed.
const unauthorized = { status: 401, code: "unauthorized" };
const jwtLike = (header: object, payload: object) => [header, payload].map((p) => Buffer.from(JSON.stringify(p)).toString("base64url")).join(".") + ".";
const FORGED: Array<[string, string]> = [
  ["a plain word", "next-auth.session-token=admin"],
  ["an empty value", "next-auth.session-token="],
  ["an unsigned JWT (alg none)", `next-auth.session-token=${jwtLike({ alg: "none", typ: "JWT" }, { name: "admin", sub: "admin:admin", exp: 4102444800 })}`],
  ["a JWE of random bytes", `next-auth.session-token=${["eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0", "", "AAAAAAAAAAAAAAAA", "QUFBQUFBQUFBQUFBQUFBQQ", "AAAAAAAAAAAAAAAAAAAAAA"].join(".")}`],
  ["the __Secure- cookie over http", "__Secure-next-auth.session-token=admin"],
  ["a 4 KB cookie", `next-auth.session-token=${"A".repeat(4000)}`],
  ["a chunked cookie with one chunk", "next-auth.session-token.0=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0"],
];
const forged: HostileCase[] = FORGED.flatMap(([name, cookie], i): HostileCase[] => [
  { name: `${name}: list the export`, path: "/api/dashboard/checkouts/export", headers: { cookie }, expect: unauthorized },
  ([
    { name: `${name}: make an API key`, path: "/api/dashboard/api-keys", method: "POST", json: { name: "forged" }, headers: { cookie, origin: "http://localhost", "sec-fetch-site": "same-origin" }, expect: unauthorized },
    { name: `${name}: change the settings`, path: "/api/dashboard/settings", method: "PATCH", json: { merchantName: "Forged" }, headers: { cookie, "sec-fetch-site": "same-origin" }, expect: unauthorized },
    { name: `${name}: expire a checkout`, path: "/api/dashboard/checkouts/{co}/expire", method: "POST", headers: { cookie, "sec-fetch-site": "same-origin" }, expect: unauthorized },
    { name: `${name}: set the webhook URL`, path: "/api/dashboard/webhook", method: "PUT", json: { url: "https://evil.example/hook" }, headers: { cookie, "sec-fetch-site": "same-origin" }, expect: unauthorized },
  ] satisfies HostileCase[])[i % 4]!,
]);

const pos: HostileCase[] = [
  ...BAD_AMOUNTS.filter((_, i) => i % 3 === 0).map(([name, amount]) => s({ name: `POS sale, amount: ${name}`, path: "/api/dashboard/pos/sales", method: "POST", json: { amount, currency: "USD" }, expect: invalid("amount") })),
  s({ name: "POS sale, a third decimal", path: "/api/dashboard/pos/sales", method: "POST", json: { amount: "1.005", currency: "USD" }, expect: invalid("amount") }),
  s({ name: "POS sale, decimals in JPY", path: "/api/dashboard/pos/sales", method: "POST", json: { amount: "1.5", currency: "JPY" }, expect: invalid("amount") }),
  s({ name: "POS sale, an unknown currency", path: "/api/dashboard/pos/sales", method: "POST", json: { amount: "1.00", currency: "BTC" }, expect: invalid("currency") }),
  s({ name: "POS sale, its own order id", path: "/api/dashboard/pos/sales", method: "POST", json: { amount: "1.00", currency: "USD", orderId: "mine" }, expect: invalid("orderId") }),
  s({ name: "POS sale, an Idempotency-Key with a space", path: "/api/dashboard/pos/sales", method: "POST", json: { amount: "1.00", currency: "USD" }, headers: { "idempotency-key": "a b" }, expect: { status: 400, code: "invalid_header", field: "Idempotency-Key" } }),
  s({ name: "POS sale, from another site", path: "/api/dashboard/pos/sales", method: "POST", json: { amount: "1.00", currency: "USD" }, headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" }, expect: { status: 403, code: "cross_site_request" } }),
];

export const dashboard: Endpoint[] = [
  { endpoint: "/api/dashboard/* with a forged session", cases: forged },
  { endpoint: "/api/dashboard/checkouts…", cases: checkouts },
  { endpoint: "/api/dashboard/payment-links…", cases: links },
  { endpoint: "/api/dashboard/api-keys…", cases: keys },
  { endpoint: "PATCH /api/dashboard/settings", cases: settings },
  { endpoint: "/api/dashboard/webhook, notifications", cases: webhook },
  { endpoint: "POST /api/dashboard/pos/sales", cases: pos },
];
