// POST/GET /api/v1/checkouts/{id}/refunds and the dashboard's refund routes: a refund moves money,
// so every malformed field is refused by name before anything is written, and a refund of a
// checkout nobody paid ({co} awaits payment) is refused whatever the body.
import type { Endpoint, HostileCase } from "./types";

const BTC = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
const good = { amount: "0.0001", address: BTC };
const path = "/api/v1/checkouts/{co}/refunds";
const invalid = (field: string) => ({ status: 422, code: "invalid_field", field });

const create: HostileCase[] = [
  { name: "amount: a JSON number", path, method: "POST", json: { ...good, amount: 0.0001 }, expect: invalid("amount") },
  { name: "amount: negative", path, method: "POST", json: { ...good, amount: "-1" }, expect: invalid("amount") },
  { name: "amount: an exponent", path, method: "POST", json: { ...good, amount: "1e-4" }, expect: invalid("amount") },
  {
    name: "amount: a word other than full/excess",
    path,
    method: "POST",
    json: { ...good, amount: "all" },
    expect: invalid("amount"),
  },
  { name: "amount: missing", path, method: "POST", json: { address: BTC }, expect: invalid("amount") },
  { name: "address: missing", path, method: "POST", json: { amount: "full" }, expect: invalid("address") },
  {
    name: "address: an object",
    path,
    method: "POST",
    json: { amount: "full", address: { address: BTC } },
    expect: invalid("address"),
  },
  {
    name: "address: 10,000 characters",
    path,
    method: "POST",
    json: { amount: "full", address: "b".repeat(10_000) },
    expect: invalid("address"),
  },
  {
    name: "paymentId: 1,000 characters",
    path,
    method: "POST",
    json: { ...good, paymentId: "m".repeat(1000) },
    expect: invalid("paymentId"),
  },
  {
    name: "a status chosen by the caller",
    path,
    method: "POST",
    json: { ...good, status: "sent" },
    expect: invalid("status"),
  },
  {
    name: "__proto__ pollution",
    path,
    method: "POST",
    body: `{"amount":"full","address":"${BTC}","__proto__":{"admin":true}}`,
    headers: { "content-type": "application/json" },
    expect: invalid("__proto__"),
  },
  {
    name: "a valid refund of an unpaid checkout",
    path,
    method: "POST",
    json: good,
    expect: { status: 409, code: "not_refundable" },
  },
  {
    name: "an Idempotency-Key with a space",
    path,
    method: "POST",
    json: good,
    headers: { "idempotency-key": "a b" },
    expect: { status: 400, code: "invalid_header", field: "Idempotency-Key" },
  },
  {
    name: "an unknown checkout",
    path: "/api/v1/checkouts/co_aaaaaaaaaaaaaaaaaaaaaaaaaa/refunds",
    method: "POST",
    json: good,
    expect: { status: 404, code: "not_found" },
  },
  {
    name: "SQL in the id",
    path: `/api/v1/checkouts/${encodeURIComponent("co_' OR '1'='1")}/refunds`,
    method: "POST",
    json: good,
    expect: { status: 404, code: "not_found" },
  },
  {
    name: "no API key",
    path,
    method: "POST",
    json: good,
    apiKey: "none",
    expect: { status: 401, code: "unauthorized", field: "Authorization" },
  },
  {
    name: "the dashboard route without a session",
    path: "/api/dashboard/checkouts/{co}/refunds",
    method: "POST",
    json: good,
    expect: { status: 401, code: "unauthorized" },
  },
  {
    name: "the dashboard route, signed in, unpaid checkout",
    path: "/api/dashboard/checkouts/{co}/refunds",
    method: "POST",
    json: good,
    session: true,
    expect: { status: 409, code: "not_refundable" },
  },
  {
    name: "settling a refund that does not exist",
    path: "/api/dashboard/checkouts/{co}/refunds/re_aaaaaaaaaaaaaaaaaaaaaaaaaa/resolve",
    method: "POST",
    json: { outcome: "sent" },
    session: true,
    expect: { status: 404, code: "not_found" },
  },
  {
    name: "settling with a made-up outcome",
    path: "/api/dashboard/checkouts/{co}/refunds/re_aaaaaaaaaaaaaaaaaaaaaaaaaa/resolve",
    method: "POST",
    json: { outcome: "maybe" },
    session: true,
    expect: invalid("outcome"),
  },
];

// Refund claims (lib/refunds/claims.ts): offers of an unpaid checkout, malformed offers, and the
// public claim endpoint with tokens nobody was given. Nothing may be written by any of them.
const T43 = "A".repeat(43);
const claimCases: HostileCase[] = [
  { name: "claim: a string", path, method: "POST", json: { claim: "yes", amount: "full" }, expect: invalid("claim") },
  {
    name: "claim with an address",
    path,
    method: "POST",
    json: { claim: true, amount: "full", address: BTC },
    expect: invalid("address"),
  },
  {
    name: "claim: amount an exponent",
    path,
    method: "POST",
    json: { claim: true, amount: "1e-4" },
    expect: invalid("amount"),
  },
  { name: "claim: amount zero", path, method: "POST", json: { claim: true, amount: "0" }, expect: invalid("amount") },
  {
    name: "claim: expiresInHours a year",
    path,
    method: "POST",
    json: { claim: true, amount: "full", expiresInHours: 8760 },
    expect: invalid("expiresInHours"),
  },
  {
    name: "claim of a checkout nobody paid",
    path,
    method: "POST",
    json: { claim: true, amount: "full" },
    expect: { status: 409, code: "not_refundable" },
  },
  {
    name: "dashboard: a claim of a checkout nobody paid",
    path: "/api/dashboard/checkouts/{co}/refund-claims",
    method: "POST",
    json: { amount: "full" },
    session: true,
    expect: { status: 409, code: "not_refundable" },
  },
  {
    name: "dashboard: approving a claim that does not exist",
    path: "/api/dashboard/checkouts/{co}/refund-claims/rc_aaaaaaaaaaaaaaaaaaaaaaaaaa/approve",
    method: "POST",
    json: {},
    session: true,
    expect: { status: 404, code: "not_found" },
  },
  {
    name: "public: a token nobody was given",
    path: `/api/refund-claims/${T43}`,
    method: "POST",
    json: { address: BTC },
    expect: { status: 404, code: "not_found" },
  },
  {
    name: "public: a path for a token",
    path: "/api/refund-claims/..%2F..%2Fapi%2Fhealth",
    method: "POST",
    json: { address: BTC },
    expect: { status: 404, code: "not_found" },
  },
  {
    name: "public: a token of 2,000 characters",
    path: `/api/refund-claims/${"A".repeat(2000)}`,
    method: "POST",
    json: { address: BTC },
    expect: { status: 404, code: "not_found" },
  },
];

export const refunds: Endpoint[] = [
  { endpoint: "POST /api/v1/checkouts/{id}/refunds (and the dashboard's)", cases: create },
  { endpoint: "refund claims (offer, approve, the customer's link)", cases: claimCases },
];
