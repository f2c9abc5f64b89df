/**
 * The OpenAPI document (lib/openapi/document.ts) against the code and the docs:
 *  - it is valid OpenAPI 3.1 (@seriousme/openapi-schema-validator, the specification's JSON Schema);
 *  - every route.ts under app/api/v1, and each HTTP method it exports, is described (and nothing
 *    is described that has no route);
 *  - every curl example in docs/api.md is checked with Ajv (JSON Schema 2020-12): the request body
 *    against the operation's request schema, query parameters against theirs, and the answer shown
 *    against the response schema of its status (errors against the error schema of the status
 *    their code belongs to). Examples marked `<!-- openapi: shortened -->` are checked field by
 *    field (every field shown must be described, with its type), not for completeness.
 * The running app's real answers are checked against the same document by e2e/api-docs.spec.ts.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, it } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { buildOpenApiDocument } from "../lib/openapi/document";
import { docExamples } from "./support/api-doc-examples";
import { OpenApiValidator } from "./support/openapi-validator";

const doc = buildOpenApiDocument("sandbox", "http://localhost:3000");
const validator = new OpenApiValidator(doc as never);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/** Every route.ts under `dir`, as [url path template, exported methods]. */
function routes(dir: string): Array<[string, string[]]> {
  const out: Array<[string, string[]]> = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === "route.ts") {
        const source = readFileSync(path, "utf8");
        const methods = METHODS.filter((m) =>
          new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b|export\\s*\\{[^}]*\\bas\\s+${m}\\b`).test(
            source,
          ),
        );
        const url = `/${relative("app", d).split(sep).join("/")}`.replace(/\[([^\]]+)\]/g, "{$1}");
        out.push([url, methods]);
      }
    }
  };
  walk(dir);
  return out;
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document (checked against the specification's own JSON Schema)", async () => {
    const validator31 = new Validator();
    const result = await validator31.validate(doc as never);
    assert.deepEqual(result.errors ?? [], []);
    assert.equal(result.valid, true);
    assert.equal(validator31.version, "3.1");
    // The check can fail: the same document without its info object is refused.
    const withoutInfo: Record<string, unknown> = { ...doc };
    delete withoutInfo.info;
    assert.equal((await new Validator().validate(withoutInfo as never)).valid, false);
  });

  it("is OpenAPI 3.1 with a path for every route.ts under app/api/v1 and each method it exports, and nothing more", () => {
    assert.equal(doc.openapi, "3.1.0");
    const found = routes("app/api/v1");
    assert.ok(found.length >= 8, `found ${found.length} route files`);
    const described = new Set(
      Object.entries(doc.paths ?? {}).flatMap(([p, ops]) =>
        Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${p}`),
      ),
    );
    const missing: string[] = [];
    for (const [path, methods] of found) {
      assert.ok(methods.length > 0, `${path}/route.ts exports no HTTP method the test recognises`);
      for (const m of methods) if (!described.delete(`${m} ${path}`)) missing.push(`${m} ${path}`);
    }
    assert.deepEqual(missing, [], "routes under app/api/v1 missing from the OpenAPI document");
    const extra = [...described].filter((d) => d.includes(" /api/v1/"));
    assert.deepEqual(extra, [], "described under /api/v1 but no route exports it");
  });

  it("refuses what the routes refuse: a JSON number amount, an unknown field, a missing required field", () => {
    assert.deepEqual(
      validator.checkRequest("POST", "/api/v1/checkouts", { amount: "25.00", currency: "USD", orderId: "1" }),
      [],
    );
    assert.notDeepEqual(
      validator.checkRequest("POST", "/api/v1/checkouts", { amount: 25, currency: "USD", orderId: "1" }),
      [],
    );
    assert.notDeepEqual(
      validator.checkRequest("POST", "/api/v1/checkouts", {
        amount: "25.00",
        currency: "USD",
        orderId: "1",
        amout: "1",
      }),
      [],
    );
    assert.notDeepEqual(validator.checkRequest("POST", "/api/v1/checkouts", { currency: "USD", orderId: "1" }), []);
    assert.notDeepEqual(
      validator.checkResponse("GET", "/api/v1/webhook-endpoint", 200, {
        object: "webhook_endpoint",
        url: null,
        urlSource: "none",
        secretSource: "stored",
        secret: "x",
      }),
      [],
      "the endpoint view never carries a secret",
    );
  });

  it("validates every example in docs/api.md: request bodies, query parameters and the answers shown", () => {
    const all = docExamples(readFileSync("docs/api.md", "utf8"));
    let checked = 0;
    for (const ex of all) {
      const where = `docs/api.md example ${ex.index} (${ex.method} ${ex.path})`;
      // The sandbox's control API plays the customer's wallet; it is not part of the merchant API
      // (README: Control API) and answers 404 in live mode.
      if (ex.path.startsWith("/sandbox/")) continue;
      const found = validator.operation(ex.method, ex.path);
      assert.ok(found, `${where} is not in the OpenAPI document`);
      checked++;
      if (ex.body !== undefined) {
        const code = (ex.expected as { error?: { code?: string } } | undefined)?.error?.code;
        const problems = validator.checkRequest(ex.method, ex.path, ex.body);
        // An example of a refused request must be refused by the document too.
        if (code === "invalid_field")
          assert.notDeepEqual(problems, [], `${where}: the document accepts a body the API refuses`);
        else assert.deepEqual(problems, [], `${where}: request body`);
      }
      for (const [name, value] of ex.query) {
        type Param = { name: string; in: string; schema: object };
        const param: Param | undefined = ((found.op as { parameters?: Param[] }).parameters ?? []).find(
          (p) => p.in === "query" && p.name === name,
        );
        assert.ok(param, `${where}: query parameter ${name} is not described`);
        assert.deepEqual(
          new OpenApiValidator({
            paths: {
              "/q": { get: { responses: { 200: { content: { "application/json": { schema: param.schema } } } } } },
            },
          }).checkResponse("GET", "/q", 200, value),
          [],
          `${where}: ${name}=${value}`,
        );
      }
      if (ex.expected === undefined) continue;
      const error = (ex.expected as { error?: { code: string } }).error;
      const status = error
        ? validator.statusOfErrorCode(ex.method, ex.path, error.code)
        : Number(Object.keys(found.op.responses).find((s) => /^2\d\d$/.test(s) && found.op.responses[s]!.content));
      assert.ok(
        status,
        `${where}: no status in the document carries ${error ? `error code ${error.code}` : "a 2xx body"}`,
      );
      assert.deepEqual(
        validator.checkResponse(ex.method, ex.path, status, ex.expected, { partial: ex.shortened }),
        [],
        `${where}: the answer shown${ex.shortened ? " (shortened)" : ""}`,
      );
    }
    assert.ok(checked >= 12, `checked ${checked} examples`);
  });
});
