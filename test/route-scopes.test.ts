/**
 * Every merchant API route declares the scope it needs (lib/http/merchant-route.ts), and the
 * declarations are the ones docs/api.md promises. Each route.ts under app/api/v1 is imported, and
 * each HTTP method it exports must carry `requiredScope`: a handler written without merchantRoute
 * (so without a key check or a scope) fails here.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, it } from "node:test";
import { API_KEY_SCOPES } from "../lib/api-scopes";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/** What each route needs; a new route is a failure here until its scope is decided and documented. */
const EXPECTED: Record<string, string> = {
  "GET /api/v1/api-keys/current": "any",
  "POST /api/v1/bfx-pay-keys": "plugins:admin",
  "GET /api/v1/bfx-pay-keys": "plugins:admin",
  "DELETE /api/v1/bfx-pay-keys/{id}": "plugins:admin",
  "GET /api/v1/checkouts": "checkouts:read",
  "POST /api/v1/checkouts": "checkouts:write",
  "GET /api/v1/checkouts/{id}": "checkouts:read",
  "GET /api/v1/checkouts/{id}/refunds": "checkouts:read",
  "POST /api/v1/checkouts/{id}/refunds": "refunds:write",
  "GET /api/v1/payment-links": "links:read",
  "POST /api/v1/payment-links": "links:write",
  "GET /api/v1/payment-links/{id}": "links:read",
  "PATCH /api/v1/payment-links/{id}": "links:write",
  "POST /api/v1/signed-links": "links:write",
  "GET /api/v1/webhook-endpoint": "webhooks:admin",
  "PUT /api/v1/webhook-endpoint": "webhooks:admin",
  "POST /api/v1/webhook-endpoint/rotate-secret": "webhooks:admin",
  "POST /api/v1/webhook-endpoint/test": "webhooks:admin",
};

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return routeFiles(path);
    return name === "route.ts" ? [path] : [];
  });
}

describe("merchant API route scopes", () => {
  it("every method of every route under app/api/v1 declares a known scope, the one documented", async () => {
    const found: Record<string, string> = {};
    for (const file of routeFiles("app/api/v1")) {
      const url = `/${relative("app", file).split(sep).slice(0, -1).join("/")}`.replace(/\[([^\]]+)\]/g, "{$1}");
      const mod = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
      const exported = METHODS.filter((m) => m in mod);
      assert.ok(exported.length > 0, `${file} exports no HTTP method`);
      for (const method of exported) {
        const scope = (mod[method] as { requiredScope?: unknown }).requiredScope;
        assert.ok(
          typeof scope === "string" && (scope === "any" || (API_KEY_SCOPES as readonly string[]).includes(scope)),
          `${method} ${url} (${file}) declares no scope: wrap it in merchantRoute("<scope>", …)`,
        );
        found[`${method} ${url}`] = scope;
      }
    }
    assert.deepEqual(found, EXPECTED);
  });

  it("only the key-describing route is open to every key", () => {
    assert.deepEqual(
      Object.entries(EXPECTED)
        .filter(([, s]) => s === "any")
        .map(([r]) => r),
      ["GET /api/v1/api-keys/current"],
    );
  });

  it("docs/api.md names the scope of every route", () => {
    const doc = readFileSync("docs/api.md", "utf8");
    for (const [route, scope] of Object.entries(EXPECTED))
      assert.ok(
        doc.includes(`| \`${route}\` | \`${scope}\` |`),
        `docs/api.md lacks the row | \`${route}\` | \`${scope}\` |`,
      );
  });
});
