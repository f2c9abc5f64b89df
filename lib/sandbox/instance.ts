/**
 * The app's own sandbox: one per process (kept on globalThis, because Next may load this module
 * once per route bundle), with its state in DATA_DIR/sandbox and a one-second sweep that expires
 * invoices and sends their webhooks even when nobody is calling.
 */
import "server-only";
import { join } from "node:path";
import { getConfig } from "../env";
import { SandboxApi } from "./api/router";
import type { SandboxAnswer } from "./api/http";
import { Sandbox } from "./sandbox";
import { log } from "../observability/log";

const holder = globalThis as unknown as { __bfxSandbox?: SandboxApi };

export function getSandbox(): SandboxApi {
  if (!holder.__bfxSandbox) {
    const config = getConfig();
    const api = new SandboxApi(
      new Sandbox({
        apiKey: config.sandbox.apiKey,
        apiSecret: config.sandbox.apiSecret,
        dataDir: join(config.dataDir, "sandbox"),
        log: (line) => log().warn(line),
      }),
    );
    setInterval(() => api.sb.sweep(), 1000).unref();
    holder.__bfxSandbox = api;
  }
  return holder.__bfxSandbox;
}

/** Turns a sandbox answer into a fetch Response, holding it back for simulated timeouts. */
export async function toResponse(answer: SandboxAnswer): Promise<Response> {
  if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
  return new Response(answer.body, {
    status: answer.status,
    headers: {
      ...answer.headers,
      "content-type": answer.contentType ?? "application/json",
      "cache-control": "no-store",
    },
  });
}
