/**
 * The curl examples of docs/api.md, parsed: method, path, body, query parameters, and the JSON
 * answer shown after each (and whether it is marked `<!-- openapi: shortened -->`). Shared by
 * test/openapi.test.ts and e2e/api-docs.spec.ts.
 */
export interface Example {
  index: number;
  /** The bash block as written. */
  script: string;
  method: string;
  path: string;
  body: unknown;
  query: Array<[string, string]>;
  expected: unknown;
  shortened: boolean;
}

/** The curl examples of docs/api.md, each with the JSON block that follows it (when one does). */
export function docExamples(md: string): Example[] {
  const blocks = [...md.matchAll(/```(bash|json)\n([\s\S]*?)```/g)].map((m) => ({
    lang: m[1]!,
    body: m[2]!,
    start: m.index!,
    end: m.index! + m[0].length,
  }));
  const out: Example[] = [];
  blocks.forEach((b, i) => {
    if (b.lang !== "bash") return;
    const next = blocks[i + 1]?.lang === "json" ? blocks[i + 1]! : null;
    const url = /"\$BASE(\/[^"?]*)"/.exec(b.body)?.[1];
    if (!url) throw new Error(`docs example ${out.length + 1} must name its URL as "$BASE/…":\n${b.body}`);
    const data = /-d\s+'([\s\S]*?)'/.exec(b.body)?.[1];
    const getForm = /\s-G\s/.test(b.body);
    const method = /-X\s+([A-Z]+)/.exec(b.body)?.[1] ?? (data !== undefined && !getForm ? "POST" : "GET");
    out.push({
      index: out.length + 1,
      script: b.body,
      method,
      // "$CHECKOUT_ID" and the like stand for an id.
      path: url.replace(/\$[A-Z_]+/g, "x_placeholder"),
      body: data === undefined || getForm ? undefined : JSON.parse(data),
      query: [...b.body.matchAll(/--data-urlencode\s+"([^=]+)=([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
      expected: next ? JSON.parse(next.body) : undefined,
      shortened: next ? /<!--\s*openapi:\s*shortened\s*-->/.test(md.slice(b.end, next.start)) : false,
    });
  });
  return out;
}
