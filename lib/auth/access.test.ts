import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, it } from "node:test";
import { ACCESS, accessRuleFor, roleMay } from "./access";

/** Every page.tsx / route.ts under a folder, as the URL path pattern Next serves it at. */
function routeFiles(dir: string, file: "page.tsx" | "route.ts"): Array<{ pattern: string; path: string }> {
  const out: Array<{ pattern: string; path: string }> = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name === file) {
        const segments = relative("app", d)
          .split(sep)
          .filter((s) => !/^\(.*\)$/.test(s)); // route groups are not in the URL
        out.push({ pattern: `/${segments.join("/")}`, path: p });
      }
    }
  };
  walk(dir);
  return out;
}

const pages = routeFiles("app/dashboard", "page.tsx");
const routes = routeFiles("app/api/dashboard", "route.ts");
const exportedMethods = (source: string) =>
  [...source.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map(
    (m) => m[1]!,
  );

describe("every dashboard page and API route declares who may open it (lib/auth/access.ts)", () => {
  it("found the pages and routes (the walk itself works)", () => {
    assert.ok(pages.some((p) => p.pattern === "/dashboard/checkouts/[id]"));
    assert.ok(routes.some((r) => r.pattern === "/api/dashboard/checkouts/[id]/refunds"));
  });

  for (const { pattern, path } of pages) {
    it(`page ${pattern} has a line, and checks the session with its own path`, () => {
      assert.ok(ACCESS[pattern]?.PAGE, `${pattern} (${path}) has no PAGE entry in ACCESS`);
      const source = readFileSync(path, "utf8");
      assert.match(source, /await requireAdmin\(/, `${path} must call requireAdmin (the central check)`);
    });
  }

  for (const { pattern, path } of routes) {
    const source = readFileSync(path, "utf8");
    const methods = exportedMethods(source);
    it(`route ${pattern} (${methods.join(", ")}) has a line per method, and goes through dashboardRoute`, () => {
      assert.ok(methods.length > 0, `${path} exports no handler`);
      const rule = ACCESS[pattern];
      assert.ok(rule, `${pattern} (${path}) has no entry in ACCESS`);
      for (const m of methods) assert.ok(rule[m as keyof typeof rule], `${pattern} ${m} has no roles in ACCESS`);
      for (const key of Object.keys(rule))
        assert.ok(methods.includes(key), `ACCESS names ${pattern} ${key}, not exported`);
      for (const m of methods) {
        assert.match(
          source,
          new RegExp(`export const ${m}\\s*=\\s*dashboardRoute`),
          `${path} ${m} must be a dashboardRoute`,
        );
      }
    });
  }

  it("names no page or route that does not exist", () => {
    const known = new Set([...pages, ...routes].map((r) => r.pattern));
    for (const pattern of Object.keys(ACCESS))
      assert.ok(known.has(pattern), `ACCESS names ${pattern}, which has no file`);
  });
});

describe("what a cashier may open", () => {
  it("the point of sale and reading checkouts", () => {
    assert.equal(roleMay("cashier", "/dashboard/pos", "PAGE"), true);
    assert.equal(roleMay("cashier", "/dashboard/checkouts", "PAGE"), true);
    assert.equal(roleMay("cashier", "/dashboard/checkouts/co_abc?x=1", "PAGE"), true);
    assert.equal(roleMay("cashier", "/api/dashboard/pos/sales", "POST"), true);
    assert.equal(roleMay("cashier", "/api/dashboard/checkouts/export", "GET"), true);
    assert.equal(roleMay("cashier", "/api/dashboard/checkouts/export", "HEAD"), true);
  });

  it("no refunds, keys, settings, webhooks, links, users or audit log, by page or API", () => {
    for (const page of [
      "/dashboard/api-keys",
      "/dashboard/settings",
      "/dashboard/webhooks",
      "/dashboard/webhooks/evt_x",
      "/dashboard/links",
      "/dashboard/users",
      "/dashboard/audit",
      "/dashboard/checkouts/new",
    ])
      assert.equal(roleMay("cashier", page, "PAGE"), false, page);
    for (const [method, path] of [
      ["POST", "/api/dashboard/checkouts/co_x/refunds"],
      ["POST", "/api/dashboard/checkouts/co_x/refunds/re_y/resolve"],
      ["POST", "/api/dashboard/api-keys"],
      ["DELETE", "/api/dashboard/api-keys/key_x"],
      ["PATCH", "/api/dashboard/settings"],
      ["PUT", "/api/dashboard/webhook"],
      ["POST", "/api/dashboard/webhook/secret"],
      ["POST", "/api/dashboard/users"],
      ["GET", "/api/dashboard/audit/export"],
      // a method the table does not name for a path a cashier may GET
      ["DELETE", "/api/dashboard/checkouts/export"],
    ])
      assert.equal(roleMay("cashier", path!, method!), false, `${method} ${path}`);
  });

  it("a path nobody listed is the owner's alone; the owner may open everything", () => {
    assert.equal(accessRuleFor("/api/dashboard/not-yet-written"), null);
    assert.equal(roleMay("cashier", "/api/dashboard/not-yet-written", "GET"), false);
    assert.equal(roleMay("cashier", "/dashboard/pos/../settings", "PAGE"), false);
    assert.equal(roleMay("owner", "/api/dashboard/not-yet-written", "POST"), true);
  });

  it("a literal segment wins over a dynamic one (/checkouts/new is not /checkouts/[id])", () => {
    assert.equal(accessRuleFor("/dashboard/checkouts/new")?.pattern, "/dashboard/checkouts/new");
    assert.equal(accessRuleFor("/dashboard/checkouts/co_1")?.pattern, "/dashboard/checkouts/[id]");
  });
});
