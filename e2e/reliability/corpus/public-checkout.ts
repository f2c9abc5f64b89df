// What a customer's browser can reach without a key: the payment page, its JSON view and status
// poll, "start paying" (currency choice and the ECOMMERCE details form), and "start again".
import type { Endpoint, HostileCase } from "./types";

const invalid = (field: string) => ({ status: 422, code: "invalid_field", field });
const notFound = { status: 404, code: "not_found" };
const customer = {
  fullName: "Ada Lovelace",
  email: "ada@example.com",
  nationality: "GB",
  residCountry: "GB",
  residCity: "London",
  residZipCode: "NW1",
  residStreet: "1 Baker St",
};
const ecom = (customerInfo: unknown): HostileCase["json"] => ({ payCurrency: "BTC", customerInfo });

const BAD_IDS: Array<[string, string]> = [
  ["an unknown id", "co_aaaaaaaaaaaaaaaaaaaaaaaaaa"],
  ["a payment link's id", "lnk_aaaaaaaaaaaaaaaaaaaaaaaaaa"],
  ["SQL", encodeURIComponent("co_' OR '1'='1")],
  ["a script tag", encodeURIComponent("<script>alert(1)</script>")],
  ["a 3,000-character id", `co_${"a".repeat(3000)}`],
  ["an encoded NUL", "co_%00"],
];

const views: HostileCase[] = BAD_IDS.flatMap(([name, id]): HostileCase[] => [
  { name: `GET view: ${name}`, path: `/api/checkouts/${id}`, expect: notFound },
  { name: `GET status: ${name}`, path: `/api/checkouts/${id}/status`, expect: notFound },
]);

const payment: HostileCase[] = [
  ...BAD_IDS.slice(0, 4).map(([name, id]): HostileCase => ({
    name: `checkout id: ${name}`,
    path: `/api/checkouts/${id}/payment`,
    method: "POST",
    json: { payCurrency: "BTC" },
    expect: notFound,
  })),
  {
    name: "payCurrency missing",
    path: "/api/checkouts/{co}/payment",
    method: "POST",
    json: {},
    expect: invalid("payCurrency"),
  },
  {
    name: "payCurrency: unknown",
    path: "/api/checkouts/{co}/payment",
    method: "POST",
    json: { payCurrency: "XRP" },
    expect: invalid("payCurrency"),
  },
  {
    name: "payCurrency: lower case",
    path: "/api/checkouts/{co}/payment",
    method: "POST",
    json: { payCurrency: "btc" },
    expect: invalid("payCurrency"),
  },
  {
    name: "payCurrency: not offered by this checkout",
    path: "/api/checkouts/{co}/payment",
    method: "POST",
    json: { payCurrency: "DOGE" },
    expect: invalid("payCurrency"),
  },
  {
    name: "payCurrency: a number",
    path: "/api/checkouts/{co}/payment",
    method: "POST",
    json: { payCurrency: 1 },
    expect: invalid("payCurrency"),
  },
  {
    name: "payCurrency: null",
    path: "/api/checkouts/{co}/payment",
    method: "POST",
    json: { payCurrency: null },
    expect: invalid("payCurrency"),
  },
  {
    name: "payCurrency: a list",
    path: "/api/checkouts/{co}/payment",
    method: "POST",
    json: { payCurrency: ["BTC"] },
    expect: invalid("payCurrency"),
  },
  {
    name: "payCurrency: 10,000 characters",
    path: "/api/checkouts/{co}/payment",
    method: "POST",
    json: { payCurrency: "B".repeat(10_000) },
    expect: invalid("payCurrency"),
  },
  {
    name: "payCurrency: SQL",
    path: "/api/checkouts/{co}/payment",
    method: "POST",
    json: { payCurrency: "BTC' OR '1'='1" },
    expect: invalid("payCurrency"),
  },
  {
    name: "an amount chosen by the customer",
    path: "/api/checkouts/{co}/payment",
    method: "POST",
    json: { payCurrency: "BTC", amount: "0.00000001" },
    expect: invalid("amount"),
  },
  {
    name: "a state set by the customer",
    path: "/api/checkouts/{co}/payment",
    method: "POST",
    json: { payCurrency: "BTC", state: "paid" },
    expect: invalid("state"),
  },
  {
    name: "customer details on a POS checkout",
    path: "/api/checkouts/{co}/payment",
    method: "POST",
    json: { payCurrency: "BTC", customerInfo: customer },
    expect: invalid("customerInfo"),
  },
  {
    name: "no Content-Type",
    path: "/api/checkouts/{co}/payment",
    method: "POST",
    body: '{"payCurrency":"BTC"}',
    expect: { status: 415, code: "unsupported_media_type" },
  },
  {
    name: "a urlencoded form",
    path: "/api/checkouts/{co}/payment",
    method: "POST",
    body: "payCurrency=BTC",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    expect: { status: 415, code: "unsupported_media_type" },
  },
  {
    name: "invalid JSON",
    path: "/api/checkouts/{co}/payment",
    method: "POST",
    body: '{"payCurrency":',
    headers: { "content-type": "application/json" },
    expect: { status: 400, code: "invalid_json" },
  },
  {
    name: "a JSON array",
    path: "/api/checkouts/{co}/payment",
    method: "POST",
    body: '["BTC"]',
    headers: { "content-type": "application/json" },
    expect: { status: 400, code: "invalid_json" },
  },
  {
    name: "a 20 KB body (the limit here is 16 KB)",
    path: "/api/checkouts/{co}/payment",
    method: "POST",
    json: { payCurrency: "BTC", pad: "x".repeat(20_000) },
    expect: { status: 413, code: "body_too_large" },
  },
  // The ECOMMERCE details form, checked again on the server field by field.
  {
    name: "ECOMMERCE: details missing",
    path: "/api/checkouts/{ecom}/payment",
    method: "POST",
    json: { payCurrency: "BTC" },
    expect: { status: 422, code: "customer_info_required", field: "customerInfo" },
  },
  {
    name: "ECOMMERCE: details null",
    path: "/api/checkouts/{ecom}/payment",
    method: "POST",
    json: ecom(null),
    expect: invalid("customerInfo"),
  },
  {
    name: "ECOMMERCE: details as a string",
    path: "/api/checkouts/{ecom}/payment",
    method: "POST",
    json: ecom("Ada Lovelace, London"),
    expect: invalid("customerInfo"),
  },
  {
    name: "ECOMMERCE: an empty object",
    path: "/api/checkouts/{ecom}/payment",
    method: "POST",
    json: ecom({}),
    expect: invalid("customerInfo.fullName"),
  },
  {
    name: "ECOMMERCE: email without a domain",
    path: "/api/checkouts/{ecom}/payment",
    method: "POST",
    json: ecom({ ...customer, email: "ada@" }),
    expect: invalid("customerInfo.email"),
  },
  {
    name: "ECOMMERCE: email with a script",
    path: "/api/checkouts/{ecom}/payment",
    method: "POST",
    json: ecom({ ...customer, email: "<script>@x.io" }),
    expect: invalid("customerInfo.email"),
  },
  {
    name: "ECOMMERCE: email of 300 characters",
    path: "/api/checkouts/{ecom}/payment",
    method: "POST",
    json: ecom({ ...customer, email: `${"a".repeat(290)}@example.com` }),
    expect: invalid("customerInfo.email"),
  },
  {
    name: "ECOMMERCE: country XX",
    path: "/api/checkouts/{ecom}/payment",
    method: "POST",
    json: ecom({ ...customer, residCountry: "XX" }),
    expect: invalid("customerInfo.residCountry"),
  },
  {
    name: "ECOMMERCE: country as a name",
    path: "/api/checkouts/{ecom}/payment",
    method: "POST",
    json: ecom({ ...customer, nationality: "United Kingdom" }),
    expect: invalid("customerInfo.nationality"),
  },
  {
    name: "ECOMMERCE: country in lower case",
    path: "/api/checkouts/{ecom}/payment",
    method: "POST",
    json: ecom({ ...customer, nationality: "gb" }),
    expect: invalid("customerInfo.nationality"),
  },
  {
    name: "ECOMMERCE: name of spaces",
    path: "/api/checkouts/{ecom}/payment",
    method: "POST",
    json: ecom({ ...customer, fullName: "   " }),
    expect: invalid("customerInfo.fullName"),
  },
  {
    name: "ECOMMERCE: name of 101 characters",
    path: "/api/checkouts/{ecom}/payment",
    method: "POST",
    json: ecom({ ...customer, fullName: "A".repeat(101) }),
    expect: invalid("customerInfo.fullName"),
  },
  {
    name: "ECOMMERCE: name with a right-to-left override",
    path: "/api/checkouts/{ecom}/payment",
    method: "POST",
    json: ecom({ ...customer, fullName: "Ada \u202eecalevol" }),
    expect: invalid("customerInfo.fullName"),
  },
  {
    name: "ECOMMERCE: name with a NUL",
    path: "/api/checkouts/{ecom}/payment",
    method: "POST",
    json: ecom({ ...customer, fullName: "Ada\u0000" }),
    expect: invalid("customerInfo.fullName"),
  },
  {
    name: "ECOMMERCE: street as a number",
    path: "/api/checkouts/{ecom}/payment",
    method: "POST",
    json: ecom({ ...customer, residStreet: 221 }),
    expect: invalid("customerInfo.residStreet"),
  },
  {
    name: "ECOMMERCE: zip code of 21 characters",
    path: "/api/checkouts/{ecom}/payment",
    method: "POST",
    json: ecom({ ...customer, residZipCode: "1".repeat(21) }),
    expect: invalid("customerInfo.residZipCode"),
  },
  {
    name: "ECOMMERCE: city missing",
    path: "/api/checkouts/{ecom}/payment",
    method: "POST",
    json: ecom({ ...customer, residCity: undefined }),
    expect: invalid("customerInfo.residCity"),
  },
  {
    name: "ECOMMERCE: an extra field",
    path: "/api/checkouts/{ecom}/payment",
    method: "POST",
    json: ecom({ ...customer, dateOfBirth: "1815-12-10" }),
    expect: invalid("customerInfo.dateOfBirth"),
  },
  {
    name: "ECOMMERCE: SQL in the city",
    path: "/api/checkouts/{ecom}/payment",
    method: "POST",
    json: ecom({ ...customer, residCity: "x'); DROP TABLE checkouts; --\u0000" }),
    expect: invalid("customerInfo.residCity"),
  },
];

const restart: HostileCase[] = [
  {
    name: "restart a checkout that has not expired",
    path: "/api/checkouts/{co}/restart",
    method: "POST",
    expect: { status: 409, code: "restart_not_allowed" },
  },
  {
    name: "restart an unknown checkout",
    path: "/api/checkouts/co_aaaaaaaaaaaaaaaaaaaaaaaaaa/restart",
    method: "POST",
    expect: notFound,
  },
  {
    name: "restart with SQL as the id",
    path: `/api/checkouts/${encodeURIComponent("co_'; DELETE FROM checkouts; --")}/restart`,
    method: "POST",
    expect: notFound,
  },
  { name: "restart by GET", path: "/api/checkouts/{co}/restart", method: "GET", expect: { status: 405 } },
];

const page: HostileCase[] = BAD_IDS.map(([name, id]): HostileCase => ({
  name: `payment page: ${name}`,
  path: `/pay/${id}`,
  expect: { status: 404, html: /not found|could not be found|404/i },
}));

export const publicCheckout: Endpoint[] = [
  { endpoint: "GET /api/checkouts/{id}(/status)", cases: views },
  { endpoint: "POST /api/checkouts/{id}/payment", cases: payment },
  { endpoint: "POST /api/checkouts/{id}/restart", cases: restart },
  { endpoint: "GET /pay/{id}", cases: page },
];
