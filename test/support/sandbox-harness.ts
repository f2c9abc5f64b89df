/**
 * Shared setup for the sandbox integration tests: a sandbox served over real HTTP on 127.0.0.1
 * with a temporary data directory, clients with small timeouts, and the control API.
 * Test-only; nothing in the app imports this.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createBitfinexClient, type BitfinexClient } from "../../lib/bitfinex/client";
import { BitfinexError, type BitfinexErrorKind } from "../../lib/bitfinex/errors";
import { NonceSource } from "../../lib/bitfinex/nonce";
import type { TransportOptions } from "../../lib/bitfinex/transport";
import type { CustomerInfo } from "../../lib/bitfinex/types";
import { startSandboxServer, type RunningSandbox } from "../../lib/sandbox/http-server";

export const API_KEY = "sandbox-test-key";
export const API_SECRET = "sandbox-test-secret";

export const CUSTOMER: CustomerInfo = {
  nationality: "DE",
  residCountry: "GB",
  residCity: "London",
  residZipCode: "WC2H 7NA",
  residStreet: "5-6 Leicester Square",
  fullName: "John Doe",
  email: "john@example.com",
};

export interface ControlAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface Harness {
  server: RunningSandbox;
  dataDir: string;
  /** Shared by every client and raw request of this harness, so nonces never collide. */
  nonces: NonceSource;
  client(overrides?: Partial<TransportOptions>): BitfinexClient;
  /** POST {origin}/sandbox/control/{path} with a JSON body. */
  control(path: string, body?: unknown): Promise<ControlAnswer>;
  /** GET {origin}/sandbox/control/state. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  state(): Promise<any>;
  /** Stops the server; keeps the data directory (for restart tests). */
  stop(): Promise<void>;
  /** Starts a new server on the same data directory. */
  restart(): Promise<void>;
  /** Stops the server and removes the data directory. */
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), "bfx-sandbox-test-"));
  const nonces = new NonceSource();
  const boot = () => startSandboxServer({ apiKey: API_KEY, apiSecret: API_SECRET, dataDir, port: 0 });
  let server = await boot();
  let running = true;
  const h: Harness = {
    get server() {
      return server;
    },
    dataDir,
    nonces,
    client: (overrides = {}) =>
      createBitfinexClient({
        apiKey: API_KEY,
        apiSecret: API_SECRET,
        restUrl: server.restUrl,
        publicUrl: server.restUrl,
        // A guard against a hang, not a behaviour: test files run side by side (scripts/run-tests.mjs), and
        // on a busy machine the sandbox's first answer can take over a second. Timeout tests set their own.
        timeoutMs: 5000,
        retryBaseDelayMs: 5,
        maxLimiterWaitMs: 200,
        nonces,
        ...overrides,
      }),
    async control(path, body) {
      const res = await fetch(`${server.origin}/sandbox/control/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: body === undefined ? "" : JSON.stringify(body),
        signal: AbortSignal.timeout(2000),
      });
      return { status: res.status, body: await res.json() };
    },
    async state() {
      const res = await fetch(`${server.origin}/sandbox/control/state`, { signal: AbortSignal.timeout(2000) });
      if (res.status !== 200) throw new Error(`control state: HTTP ${res.status}`);
      return res.json();
    },
    async stop() {
      if (running) await server.close();
      running = false;
    },
    async restart() {
      await h.stop();
      server = await boot();
      running = true;
    },
    async close() {
      await h.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return h;
}

/** Asserts `fn` rejects with a BitfinexError of `kind`; returns the error. */
export async function expectBfxError(fn: () => Promise<unknown>, kind: BitfinexErrorKind): Promise<BitfinexError> {
  try {
    await fn();
  } catch (e) {
    if (!(e instanceof BitfinexError))
      throw new Error(`expected BitfinexError(${kind}), got ${String(e)}`, { cause: e });
    if (e.kind !== kind) throw new Error(`expected kind ${kind}, got ${e.kind}: ${e.toLogLine()}`, { cause: e });
    return e;
  }
  throw new Error(`expected BitfinexError(${kind}), but the call succeeded`);
}

/** Polls `check` every 25 ms until it returns true or `maxMs` passes; returns the last result. */
export async function waitFor(check: () => boolean | Promise<boolean>, maxMs: number): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const DECIMAL = /^(0|[1-9]\d*)(\.\d+)?$/;

let orderSeq = 0;
/** A unique order id per call. */
export const orderId = (tag = "order") => `${tag}-${Date.now()}-${++orderSeq}`;
