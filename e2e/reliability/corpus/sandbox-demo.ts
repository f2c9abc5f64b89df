// The rest of what anyone can reach: the demo shop's "Buy" and the sandbox's control API (both
// sandbox mode only), and the body checks of the Bitfinex webhook. The webhook's forged contents
// (which get 200 by design: it is only a hint) and the sandbox's Bitfinex emulation (which answers
// Bitfinex's own HTTP 500 errors on purpose) are not part of this corpus.
import type { Endpoint, HostileCase } from "./types";

const demo: HostileCase[] = [
  {
    name: "an unknown product",
    path: "/demo/checkout",
    method: "POST",
    json: { product: "yacht" },
    expect: { status: 422, code: "invalid_field", field: "product" },
  },
  {
    name: "product missing",
    path: "/demo/checkout",
    method: "POST",
    json: {},
    expect: { status: 422, code: "invalid_field", field: "product" },
  },
  {
    name: "product a number",
    path: "/demo/checkout",
    method: "POST",
    json: { product: 1 },
    expect: { status: 422, code: "invalid_field", field: "product" },
  },
  {
    name: "product of 41 characters",
    path: "/demo/checkout",
    method: "POST",
    json: { product: "m".repeat(41) },
    expect: { status: 422, code: "invalid_field", field: "product" },
  },
  {
    name: "a price chosen by the buyer",
    path: "/demo/checkout",
    method: "POST",
    json: { product: "mug", price: "0.01" },
    expect: { status: 422, code: "invalid_field", field: "price" },
  },
  {
    name: "SQL as the product",
    path: "/demo/checkout",
    method: "POST",
    json: { product: "mug' OR '1'='1" },
    expect: { status: 422, code: "invalid_field", field: "product" },
  },
  {
    name: "invalid JSON",
    path: "/demo/checkout",
    method: "POST",
    body: "product=mug",
    headers: { "content-type": "application/json" },
    expect: { status: 400, code: "invalid_json" },
  },
  {
    name: "a form instead of JSON",
    path: "/demo/checkout",
    method: "POST",
    body: "product=mug",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    expect: { status: 415, code: "unsupported_media_type" },
  },
];

const webhook: HostileCase[] = [
  // Any Content-Type is read (Bitfinex documents none), but the body must still be a JSON object.
  {
    name: "Content-Type text/plain, not JSON",
    path: "/api/bitfinex/webhook",
    method: "POST",
    body: "id=x",
    headers: { "content-type": "text/plain" },
    expect: { status: 400, code: "invalid_json" },
  },
  {
    name: "invalid JSON",
    path: "/api/bitfinex/webhook",
    method: "POST",
    body: "{id:",
    headers: { "content-type": "application/json" },
    expect: { status: 400, code: "invalid_json" },
  },
  {
    name: "a JSON array",
    path: "/api/bitfinex/webhook",
    method: "POST",
    body: "[]",
    headers: { "content-type": "application/json" },
    expect: { status: 400, code: "invalid_json" },
  },
  {
    name: "a 300 KB body (the limit here is 256 KB)",
    path: "/api/bitfinex/webhook",
    method: "POST",
    json: { id: "x", pad: "p".repeat(300_000) },
    expect: { status: 413, code: "body_too_large" },
  },
  { name: "GET", path: "/api/bitfinex/webhook", method: "GET", expect: { status: 405 } },
];

const control: HostileCase[] = [
  {
    name: "a fault of an unknown mode",
    path: "/sandbox/control/faults",
    method: "POST",
    json: { mode: "explode" },
    expect: { status: 422, code: "invalid_field" },
  },
  {
    name: "a fault count of a million",
    path: "/sandbox/control/faults",
    method: "POST",
    json: { mode: "http500", count: 1_000_000 },
    expect: { status: 422, code: "invalid_field" },
  },
  {
    name: "a fault delay of an hour",
    path: "/sandbox/control/faults",
    method: "POST",
    json: { mode: "timeout", delayMs: 3_600_000 },
    expect: { status: 422, code: "invalid_field" },
  },
  {
    name: "prices of a negative BTC",
    path: "/sandbox/control/prices",
    method: "POST",
    json: { BTC: "-1" },
    expect: { status: 422, code: "invalid_field" },
  },
  {
    name: "prices as a number",
    path: "/sandbox/control/prices",
    method: "POST",
    json: { BTC: 95000 },
    expect: { status: 422, code: "invalid_field" },
  },
  {
    name: "pay-api availability unknown",
    path: "/sandbox/control/pay-api",
    method: "POST",
    json: { availability: "maybe" },
    expect: { status: 422, code: "invalid_field" },
  },
  {
    name: "maintenance as a string",
    path: "/sandbox/control/maintenance",
    method: "POST",
    json: { on: "yes" },
    expect: { status: 422, code: "invalid_field" },
  },
  {
    name: "drop -1 webhooks",
    path: "/sandbox/control/webhooks/drop",
    method: "POST",
    json: { count: -1 },
    expect: { status: 422, code: "invalid_field" },
  },
  {
    name: "invalid JSON",
    path: "/sandbox/control/maintenance",
    method: "POST",
    body: "{on:",
    headers: { "content-type": "application/json" },
    expect: { status: 400, code: "invalid_json" },
  },
  {
    name: "pay an unknown invoice",
    path: "/sandbox/control/invoices/nope/pay",
    method: "POST",
    json: {},
    expect: { status: 404, code: "invoice_not_found" },
  },
  {
    name: "an unknown control endpoint",
    path: "/sandbox/control/self-destruct",
    method: "POST",
    json: {},
    expect: { status: 404, code: "not_found" },
  },
  {
    name: "expire-in 0 seconds",
    path: "/sandbox/control/checkouts/{co}/expire-in",
    method: "POST",
    json: { seconds: 0 },
    expect: { status: 400, code: "invalid_body" },
  },
  {
    name: "expire-in a string",
    path: "/sandbox/control/checkouts/{co}/expire-in",
    method: "POST",
    json: { seconds: "60" },
    expect: { status: 400, code: "invalid_body" },
  },
  {
    name: "expire-now of an unknown checkout",
    path: "/sandbox/control/checkouts/co_aaaaaaaaaaaaaaaaaaaaaaaaaa/expire-now",
    method: "POST",
    expect: { status: 404, code: "checkout_not_found" },
  },
  {
    name: "expire-now with invalid JSON",
    path: "/sandbox/control/checkouts/{co}/expire-now",
    method: "POST",
    body: "{",
    headers: { "content-type": "application/json" },
    expect: { status: 400, code: "invalid_json" },
  },
];

export const sandboxAndDemo: Endpoint[] = [
  { endpoint: "POST /demo/checkout", cases: demo },
  { endpoint: "POST /api/bitfinex/webhook (body checks)", cases: webhook },
  { endpoint: "/sandbox/control/*", cases: control },
];
