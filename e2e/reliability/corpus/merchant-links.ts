// POST/GET/PATCH /api/v1/payment-links(/{id}) and POST /api/v1/signed-links.
import type { Endpoint, HostileCase } from "./types";
import { BAD_AMOUNTS, BAD_CURRENCIES, BAD_ORDER_IDS, BAD_URLS } from "./values";

const invalid = (field: string) => ({ status: 422, code: "invalid_field", field });
const link = { name: "Tip jar", currency: "USD" };
const signed = { amount: "12.00", currency: "USD", orderId: "INV-9" };

const createLink: HostileCase[] = [
  ...BAD_AMOUNTS.filter((_, i) => i % 2 === 0).map(([name, amount]): HostileCase => ({ name: `amount: ${name}`, path: "/api/v1/payment-links", method: "POST", json: { ...link, amount }, expect: invalid("amount") })),
  ...BAD_AMOUNTS.filter((_, i) => i % 2 === 1).map(([name, minAmount]): HostileCase => ({ name: `minAmount: ${name}`, path: "/api/v1/payment-links", method: "POST", json: { ...link, minAmount }, expect: invalid("minAmount") })),
  { name: "maxAmount: an exponent", path: "/api/v1/payment-links", method: "POST", json: { ...link, maxAmount: "5e1" }, expect: invalid("maxAmount") },
  { name: "maxAmount below minAmount", path: "/api/v1/payment-links", method: "POST", json: { ...link, minAmount: "10.00", maxAmount: "5.00" }, expect: invalid("maxAmount") },
  { name: "a fixed amount with a minimum", path: "/api/v1/payment-links", method: "POST", json: { ...link, amount: "5.00", minAmount: "1.00" }, expect: invalid("minAmount") },
  ...BAD_CURRENCIES.slice(0, 5).map(([name, currency]): HostileCase => ({ name: `currency: ${name}`, path: "/api/v1/payment-links", method: "POST", json: { ...link, currency }, expect: invalid("currency") })),
  ...BAD_URLS.slice(0, 11).map(([name, redirectUrl]): HostileCase => ({ name: `redirectUrl: ${name}`, path: "/api/v1/payment-links", method: "POST", json: { ...link, redirectUrl }, expect: invalid("redirectUrl") })),
  { name: "name missing", path: "/api/v1/payment-links", method: "POST", json: { currency: "USD" }, expect: invalid("name") },
  { name: "name: 101 characters", path: "/api/v1/payment-links", method: "POST", json: { ...link, name: "n".repeat(101) }, expect: invalid("name") },
  { name: "name: a number", path: "/api/v1/payment-links", method: "POST", json: { ...link, name: 7 }, expect: invalid("name") },
  { name: "name: a right-to-left override", path: "/api/v1/payment-links", method: "POST", json: { ...link, name: "Tip \u202ejar" }, expect: invalid("name") },
  { name: "name: a newline", path: "/api/v1/payment-links", method: "POST", json: { ...link, name: "Tip\njar" }, expect: invalid("name") },
  { name: "an unknown field", path: "/api/v1/payment-links", method: "POST", json: { ...link, active: false }, expect: invalid("active") },
  { name: "duration: a string", path: "/api/v1/payment-links", method: "POST", json: { ...link, duration: "1h" }, expect: invalid("duration") },
  { name: "type: unknown", path: "/api/v1/payment-links", method: "POST", json: { ...link, type: "DONATION" }, expect: invalid("type") },
  { name: "invalid JSON", path: "/api/v1/payment-links", method: "POST", body: "{name:", headers: { "content-type": "application/json" }, expect: { status: 400, code: "invalid_json" } },
  { name: "Content-Type text/html", path: "/api/v1/payment-links", method: "POST", body: JSON.stringify(link), headers: { "content-type": "text/html" }, expect: { status: 415, code: "unsupported_media_type" } },
  { name: "a 100 KB body", path: "/api/v1/payment-links", method: "POST", json: { ...link, description: "d".repeat(100_000) }, expect: { status: 413, code: "body_too_large" } },
  { name: "no API key", path: "/api/v1/payment-links", method: "POST", json: link, apiKey: "none", expect: { status: 401, code: "unauthorized" } },
];

const oneLink: HostileCase[] = [
  { name: "GET an unknown link", path: "/api/v1/payment-links/lnk_aaaaaaaaaaaaaaaaaaaaaaaaaa", expect: { status: 404, code: "not_found" } },
  { name: "GET a checkout id as a link", path: "/api/v1/payment-links/{co}", expect: { status: 404, code: "not_found" } },
  { name: "GET a link with SQL as its id", path: `/api/v1/payment-links/${encodeURIComponent("lnk_' OR 1=1 --")}`, expect: { status: 404, code: "not_found" } },
  { name: "PATCH active as a string", path: "/api/v1/payment-links/{link}", method: "PATCH", json: { active: "false" }, expect: invalid("active") },
  { name: "PATCH active as 0", path: "/api/v1/payment-links/{link}", method: "PATCH", json: { active: 0 }, expect: invalid("active") },
  { name: "PATCH active as null", path: "/api/v1/payment-links/{link}", method: "PATCH", json: { active: null }, expect: invalid("active") },
  { name: "PATCH with nothing", path: "/api/v1/payment-links/{link}", method: "PATCH", json: {}, expect: invalid("body") },
  // Edits are checked with the rules of a new link (an edit never leaves a link that could not be made).
  { name: "PATCH the amount to 0", path: "/api/v1/payment-links/{link}", method: "PATCH", json: { active: true, amount: "0" }, expect: invalid("amount") },
  { name: "PATCH a range beside the fixed amount", path: "/api/v1/payment-links/{link}", method: "PATCH", json: { minAmount: "1.00" }, expect: invalid("minAmount") },
  { name: "PATCH presets on a fixed-amount link", path: "/api/v1/payment-links/{link}", method: "PATCH", json: { presetAmounts: ["5.00"] }, expect: invalid("presetAmounts") },
  { name: "PATCH a preset outside the range", path: "/api/v1/payment-links/{openLink}", method: "PATCH", json: { presetAmounts: ["5.00", "500.00"] }, expect: invalid("presetAmounts[1]") },
  { name: "PATCH a preset in exponent form", path: "/api/v1/payment-links/{openLink}", method: "PATCH", json: { presetAmounts: ["1e1"] }, expect: invalid("presetAmounts[0]") },
  { name: "PATCH seven presets", path: "/api/v1/payment-links/{openLink}", method: "PATCH", json: { presetAmounts: ["3", "4", "5", "6", "7", "8", "9"] }, expect: invalid("presetAmounts") },
  { name: "PATCH presets as a string", path: "/api/v1/payment-links/{openLink}", method: "PATCH", json: { presetAmounts: "5,10" }, expect: invalid("presetAmounts") },
  { name: "PATCH the name to nothing", path: "/api/v1/payment-links/{link}", method: "PATCH", json: { name: "  " }, expect: invalid("name") },
  { name: "PATCH the name to null", path: "/api/v1/payment-links/{link}", method: "PATCH", json: { name: null }, expect: invalid("name") },
  { name: "PATCH a javascript: redirect", path: "/api/v1/payment-links/{link}", method: "PATCH", json: { redirectUrl: "javascript:alert(1)" }, expect: invalid("redirectUrl") },
  { name: "PATCH a one-minute time to pay", path: "/api/v1/payment-links/{link}", method: "PATCH", json: { duration: 60 }, expect: invalid("duration") },
  { name: "PATCH an unknown field", path: "/api/v1/payment-links/{link}", method: "PATCH", json: { id: "lnk_bbbbbbbbbbbbbbbbbbbbbbbbbb" }, expect: invalid("id") },
  { name: "PATCH an unknown link", path: "/api/v1/payment-links/lnk_aaaaaaaaaaaaaaaaaaaaaaaaaa", method: "PATCH", json: { active: false }, expect: { status: 404, code: "not_found" } },
  { name: "PATCH without a key", path: "/api/v1/payment-links/{link}", method: "PATCH", json: { active: false }, apiKey: "none", expect: { status: 401, code: "unauthorized" } },
  { name: "PATCH as a form", path: "/api/v1/payment-links/{link}", method: "PATCH", body: "active=false", headers: { "content-type": "application/x-www-form-urlencoded" }, expect: { status: 415, code: "unsupported_media_type" } },
  { name: "DELETE a link", path: "/api/v1/payment-links/{link}", method: "DELETE", expect: { status: 405 } },
];

const signedLinks: HostileCase[] = [
  ...BAD_AMOUNTS.filter((_, i) => i % 3 === 0).map(([name, amount]): HostileCase => ({ name: `amount: ${name}`, path: "/api/v1/signed-links", method: "POST", json: { ...signed, amount }, expect: invalid("amount") })),
  ...BAD_ORDER_IDS.slice(0, 5).map(([name, orderId]): HostileCase => ({ name: `orderId: ${name}`, path: "/api/v1/signed-links", method: "POST", json: { ...signed, orderId }, expect: invalid("orderId") })),
  { name: "currency: unknown", path: "/api/v1/signed-links", method: "POST", json: { ...signed, currency: "ZZZ" }, expect: invalid("currency") },
  { name: "exp: negative", path: "/api/v1/signed-links", method: "POST", json: { ...signed, exp: -1 }, expect: invalid("exp") },
  { name: "exp: zero", path: "/api/v1/signed-links", method: "POST", json: { ...signed, exp: 0 }, expect: invalid("exp") },
  { name: "exp: a string", path: "/api/v1/signed-links", method: "POST", json: { ...signed, exp: "4102444800" }, expect: invalid("exp") },
  { name: "exp: a fraction", path: "/api/v1/signed-links", method: "POST", json: { ...signed, exp: 4102444800.5 }, expect: invalid("exp") },
  { name: "exp: 1e20", path: "/api/v1/signed-links", method: "POST", json: { ...signed, exp: 1e20 }, expect: invalid("exp") },
  { name: "description: 201 characters", path: "/api/v1/signed-links", method: "POST", json: { ...signed, description: "d".repeat(201) }, expect: invalid("description") },
  { name: "payCurrencies: unknown", path: "/api/v1/signed-links", method: "POST", json: { ...signed, payCurrencies: ["DOGE", "SHIB"] }, expect: invalid("payCurrencies[1]") },
  { name: "a redirectUrl (signed links take none)", path: "/api/v1/signed-links", method: "POST", json: { ...signed, redirectUrl: "https://evil.example" }, expect: invalid("redirectUrl") },
  { name: "sig chosen by the caller", path: "/api/v1/signed-links", method: "POST", json: { ...signed, sig: "A".repeat(43) }, expect: invalid("sig") },
  { name: "invalid JSON", path: "/api/v1/signed-links", method: "POST", body: "{", headers: { "content-type": "application/json" }, expect: { status: 400, code: "invalid_json" } },
  { name: "no API key", path: "/api/v1/signed-links", method: "POST", json: signed, apiKey: "none", expect: { status: 401, code: "unauthorized" } },
  { name: "GET (there is nothing to list)", path: "/api/v1/signed-links", method: "GET", expect: { status: 405 } },
];

export const merchantLinks: Endpoint[] = [
  { endpoint: "POST /api/v1/payment-links", cases: createLink },
  { endpoint: "GET|PATCH /api/v1/payment-links/{id}", cases: oneLink },
  { endpoint: "POST /api/v1/signed-links", cases: signedLinks },
];
