/**
 * Validates request bodies and answers against the app's OpenAPI 3.1 document with Ajv's JSON
 * Schema 2020-12 validator (the dialect OpenAPI 3.1 uses), so the tests check the document with a
 * maintained validator rather than with rules of our own. Used by test/openapi.test.ts (the
 * examples in docs/api.md) and e2e/api-docs.spec.ts (the running app's real answers).
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS; under ESM its function is the default export's default.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as typeof addFormatsModule;

type Doc = { paths?: Record<string, Record<string, unknown>> };
type Operation = {
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { content?: Record<string, unknown> }>;
};

/** Drops every `required` list, so a shortened example ("the answer has more fields") is checked field by field. */
function withoutRequired(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutRequired);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k, v]) => !(k === "required" && Array.isArray(v)))
      .map(([k, v]) => [k, withoutRequired(v)]),
  );
}

const pointer = (...tokens: string[]) =>
  tokens.map((t) => encodeURIComponent(t.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");

export class OpenApiValidator {
  private readonly ajv: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(readonly doc: Doc) {
    // strict: false because the document's own parts (openapi, info, paths) are not JSON Schema
    // keywords; the schemas inside are plain 2020-12.
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema(doc as object, "openapi");
    this.ajv.addSchema(withoutRequired(doc) as object, "openapi-partial");
  }

  /** The operation for `method` and a concrete path (`/api/v1/checkouts/co_…` matches `/api/v1/checkouts/{id}`). */
  operation(method: string, path: string): { template: string; op: Operation } | null {
    for (const [template, ops] of Object.entries(this.doc.paths ?? {})) {
      const re = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
      const op = ops[method.toLowerCase()] as Operation | undefined;
      if (re.test(path) && op) return { template, op };
    }
    return null;
  }

  private validator(docId: string, ...tokens: string[]): ValidateFunction {
    const ref = `${docId}#/${pointer(...tokens)}`;
    let fn = this.cache.get(ref);
    if (!fn) this.cache.set(ref, (fn = this.ajv.compile({ $ref: ref })));
    return fn;
  }

  private describe(fn: ValidateFunction): string[] {
    return (fn.errors ?? []).map(
      (e) =>
        `${e.instancePath || "(root)"} ${e.message}${e.params && "additionalProperty" in e.params ? `: ${String(e.params.additionalProperty)}` : ""}`,
    );
  }

  /** Problems of `body` as the request body of `method path`; [] when valid. */
  checkRequest(method: string, path: string, body: unknown): string[] {
    const found = this.operation(method, path);
    if (!found) return [`${method} ${path} is not in the document`];
    if (!found.op.requestBody) return [`${method} ${found.template} takes no body in the document`];
    const fn = this.validator(
      "openapi",
      "paths",
      found.template,
      method.toLowerCase(),
      "requestBody",
      "content",
      "application/json",
      "schema",
    );
    return fn(body) ? [] : this.describe(fn);
  }

  /** Problems of `body` as the `status` answer of `method path`; `partial` for a shortened example. */
  checkResponse(method: string, path: string, status: number, body: unknown, { partial = false } = {}): string[] {
    const found = this.operation(method, path);
    if (!found) return [`${method} ${path} is not in the document`];
    if (!found.op.responses[String(status)]?.content)
      return [`${method} ${found.template} has no ${status} answer with a body in the document`];
    const fn = this.validator(
      partial ? "openapi-partial" : "openapi",
      "paths",
      found.template,
      method.toLowerCase(),
      "responses",
      String(status),
      "content",
      "application/json",
      "schema",
    );
    return fn(body) ? [] : this.describe(fn);
  }

  /** The status whose description lists `code` among its error codes (docs: each code has one status). */
  statusOfErrorCode(method: string, path: string, code: string): number | null {
    const found = this.operation(method, path);
    for (const [status, r] of Object.entries(found?.op.responses ?? {})) {
      if (new RegExp(`\\b${code}\\b`).test((r as { description?: string }).description ?? "")) return Number(status);
    }
    return null;
  }
}
