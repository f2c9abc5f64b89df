/**
 * Serves the sandbox on a plain node:http server, at the same paths the app uses
 * (/sandbox/bitfinex/… and /sandbox/control/…). Used by tests and scripts that want a Bitfinex
 * without starting Next.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SandboxApi } from "./api/router";
import { handleControl } from "./control";
import { Sandbox, type SandboxOptions } from "./sandbox";

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:54321 */
  origin: string;
  /** REST base to give a client: {origin}/sandbox/bitfinex */
  restUrl: string;
  api: SandboxApi;
  close(): Promise<void>;
}

const MAX_BODY = 1_000_000;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new Error("body too large"));
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export async function startSandboxServer(options: SandboxOptions & { port?: number }): Promise<RunningSandbox> {
  const api = new SandboxApi(new Sandbox(options));
  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://sandbox");
      const body = await readBody(req);
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
      let answer;
      if (url.pathname.startsWith("/sandbox/bitfinex/")) {
        const apiPath = url.pathname.slice("/sandbox/bitfinex/".length);
        answer = await api.handle({ method: req.method ?? "GET", apiPath, headers, body });
      } else if (url.pathname.startsWith("/sandbox/control/")) {
        answer = handleControl(api, req.method ?? "GET", url.pathname.slice("/sandbox/control/".length), body);
      } else {
        answer = { status: 404, body: "Not Found", contentType: "text/plain" };
      }
      if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
      if (res.destroyed) return;
      res.writeHead(answer.status, { ...answer.headers, "content-type": answer.contentType ?? "application/json" });
      res.end(answer.body);
    } catch (e) {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify(["error", 10000, "ERR_UNK"]));
      options.log?.(`sandbox error: ${(e as Error).stack}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    restUrl: `${origin}/sandbox/bitfinex`,
    api,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
