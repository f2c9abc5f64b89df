// /api/v1/webhook-endpoint (and its rotate-secret and test actions): the URL rules of the
// dashboard, the field named, and nothing without a key.
import type { Endpoint, HostileCase } from "./types";
import { BAD_URLS } from "./values";

const invalid = (field: string) => ({ status: 422, code: "invalid_field", field });
const path = "/api/v1/webhook-endpoint";

const endpoint: HostileCase[] = [
  ...BAD_URLS.map(([name, url]): HostileCase => ({
    name: `url: ${name}`,
    path,
    method: "PUT",
    json: { url },
    expect: invalid("url"),
  })),
  { name: "url missing", path, method: "PUT", json: {}, expect: invalid("url") },
  { name: "url as a list", path, method: "PUT", json: { url: ["https://shop.example/hook"] }, expect: invalid("url") },
  {
    name: "an unknown field (the secret)",
    path,
    method: "PUT",
    json: { url: null, secret: "whsec_mine" },
    expect: invalid("secret"),
  },
  {
    name: "invalid JSON",
    path,
    method: "PUT",
    body: "{url:",
    headers: { "content-type": "application/json" },
    expect: { status: 400, code: "invalid_json" },
  },
  {
    name: "Content-Type text/plain",
    path,
    method: "PUT",
    body: '{"url":null}',
    headers: { "content-type": "text/plain" },
    expect: { status: 415, code: "unsupported_media_type" },
  },
  {
    name: "a 100 KB body",
    path,
    method: "PUT",
    json: { url: `https://shop.example/${"a".repeat(100_000)}` },
    expect: { status: 413, code: "body_too_large" },
  },
  { name: "GET without an API key", path, apiKey: "none", expect: { status: 401, code: "unauthorized" } },
  {
    name: "PUT without an API key",
    path,
    method: "PUT",
    json: { url: "https://evil.example/hook" },
    apiKey: "none",
    expect: { status: 401, code: "unauthorized" },
  },
  {
    name: "rotate without an API key",
    path: `${path}/rotate-secret`,
    method: "POST",
    apiKey: "none",
    expect: { status: 401, code: "unauthorized" },
  },
  {
    name: "test without an API key",
    path: `${path}/test`,
    method: "POST",
    apiKey: "none",
    expect: { status: 401, code: "unauthorized" },
  },
  {
    name: "a forged API key",
    path,
    headers: { authorization: "Bearer sk_sandbox_0123456789abcdefghijkX" },
    apiKey: "none",
    expect: { status: 401, code: "unauthorized" },
  },
];

export const merchantWebhook: Endpoint[] = [{ endpoint: "/api/v1/webhook-endpoint…", cases: endpoint }];
