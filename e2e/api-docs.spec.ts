// Runs every curl example in docs/api.md, in order, against the sandbox-mode app, and checks each
// answer has the shape the document shows (every key of the example is present, and the state,
// object type and error code agree). A stale example fails the suite. Each real answer is also
// checked against the OpenAPI document the app serves (/api/openapi.json), in full: every field
// described, every described field there.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { docExamples } from "../test/support/api-doc-examples";
import { OpenApiValidator } from "../test/support/openapi-validator";

const SANDBOX_KEY = "sk_sandbox_0123456789abcdefghijkl";

interface Example {
  script: string;
  expected: unknown;
}

function examples(): Example[] {
  const doc = readFileSync("docs/api.md", "utf8");
  const blocks = [...doc.matchAll(/```(bash|json)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, body: m[2]! }));
  const out: Example[] = [];
  blocks.forEach((b, i) => {
    if (b.lang !== "bash") return;
    const next = blocks[i + 1];
    out.push({ script: b.body, expected: next?.lang === "json" ? JSON.parse(next.body) : undefined });
  });
  return out;
}

function sameShape(actual: unknown, expected: unknown, path = "$") {
  if (expected === null || typeof expected !== "object" || Array.isArray(expected)) return;
  expect(actual, `${path} should be an object`).toEqual(expect.any(Object));
  for (const [key, value] of Object.entries(expected)) {
    expect(Object.keys(actual as object), `${path} should have "${key}"`).toContain(key);
    const got = (actual as Record<string, unknown>)[key];
    // (A state depends on timing, e.g. how fast the webhook hint lands, so only its presence is checked.)
    if (["object", "code", "rail", "field"].includes(key)) expect(got, `${path}.${key}`).toBe(value);
    sameShape(got, value, `${path}.${key}`);
  }
}

test("every curl example in docs/api.md works as documented, and answers as the OpenAPI document says", async ({
  baseURL,
}) => {
  const all = examples();
  const parsed = docExamples(readFileSync("docs/api.md", "utf8"));
  expect(all.length).toBeGreaterThanOrEqual(13);
  expect(parsed.length).toBe(all.length);
  const served = await fetch(`${baseURL}/api/openapi.json`);
  expect(served.status).toBe(200);
  const openapi = new OpenApiValidator(await served.json());
  const env: NodeJS.ProcessEnv = { ...process.env, BASE: baseURL!, API_KEY: SANDBOX_KEY };
  try {
    await runExamples(all, parsed, openapi, env);
  } finally {
    // The webhook examples point the shared app's webhook at shop.example; other specs expect none.
    await fetch(`${baseURL}/api/v1/webhook-endpoint`, {
      method: "PUT",
      headers: { authorization: `Bearer ${SANDBOX_KEY}`, "content-type": "application/json" },
      body: '{"url": null}',
    });
  }
});

async function runExamples(
  all: Example[],
  parsed: ReturnType<typeof docExamples>,
  openapi: OpenApiValidator,
  env: NodeJS.ProcessEnv,
) {
  for (const [i, example] of all.entries()) {
    const output = execFileSync("bash", ["-euo", "pipefail", "-c", example.script], {
      env,
      encoding: "utf8",
      timeout: 20_000,
    });
    let answer: Record<string, unknown>;
    try {
      answer = JSON.parse(output);
    } catch {
      throw new Error(`example ${i + 1} did not answer JSON:\n${example.script}\n→ ${output.slice(0, 300)}`);
    }
    if (example.expected !== undefined) sameShape(answer, example.expected);
    const { method, path } = parsed[i]!;
    if (!path.startsWith("/sandbox/")) {
      // The status curl does not print: a 2xx for an answer, the status of its code for an error.
      const op = openapi.operation(method, path);
      expect(op, `${method} ${path} is in the OpenAPI document`).not.toBeNull();
      const code = (answer.error as { code?: string } | undefined)?.code;
      const status = code
        ? openapi.statusOfErrorCode(method, path, code)
        : Number(Object.keys(op!.op.responses).find((s) => /^2/.test(s)));
      expect(
        openapi.checkResponse(method, path, status!, answer),
        `example ${i + 1} (${method} ${path}): the real answer against the OpenAPI document`,
      ).toEqual([]);
    }
    // Later examples use what earlier ones made, as a reader would.
    if (answer.object === "checkout" && !env.CHECKOUT_ID) env.CHECKOUT_ID = String(answer.id);
    if (answer.object === "payment_link" && !env.LINK_ID) env.LINK_ID = String(answer.id);
  }
  expect(env.CHECKOUT_ID).toMatch(/^co_/);
  expect(env.LINK_ID).toMatch(/^lnk_/);
}
