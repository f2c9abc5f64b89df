// Whole-process helpers for the reliability specs: production servers (`next start`, after
// `next build`) as child processes with their own DATA_DIR, killed with SIGKILL and restarted;
// a merchant webhook receiver; a round-robin proxy (two instances behind one URL); figures.
// Everything listens on 127.0.0.1 only.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import { connect, createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Extra servers live at E2E_PORT+10 … +56, as PORT_BASE + 0 … 46 (playwright.config.ts lists the suite's ports). */
export const PORT_BASE = Number(process.env.E2E_PORT ?? 3100) + 10;

const LOG_DIR = "test-results/reliability-logs";

export interface AppServer {
  name: string;
  port: number;
  /** http://127.0.0.1:port */
  url: string;
  dataDir: string;
  /** The process, while running. */
  child: ChildProcess | null;
  /** Everything it printed since it was (re)started. */
  output(): string;
  /** kill -9, and wait until the process is gone. */
  kill9(): Promise<void>;
  /** Starts it again with the same environment and DATA_DIR; resolves once /api/health answers. */
  restart(): Promise<void>;
  /** Stops it (SIGKILL) and removes its DATA_DIR. Safe to call twice. */
  dispose(): Promise<void>;
}

export interface AppOptions {
  name: string;
  port: number;
  env?: Record<string, string>;
  /** Defaults to a fresh temporary directory. */
  dataDir?: string;
}

/** Starts `next start` on 127.0.0.1:port and waits for /api/health. */
export async function startApp(options: AppOptions): Promise<AppServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), `bfx-rel-${options.name}-`));
  const url = `http://127.0.0.1:${options.port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    PORT: String(options.port),
    DATA_DIR: dataDir,
    APP_URL: url,
    ...options.env,
  };
  mkdirSync(LOG_DIR, { recursive: true });
  let output = "";
  let runs = 0;
  const server: AppServer = {
    name: options.name,
    port: options.port,
    url,
    dataDir,
    child: null,
    output: () => output,
    async kill9() {
      const child = server.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await gone;
      server.child = null;
    },
    async restart() {
      await server.kill9();
      output = "";
      runs += 1;
      const log = createWriteStream(join(LOG_DIR, `${options.name}-${runs}.log`));
      // next directly, not npx: killing npx would leave next-server running.
      const child = spawn("node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(options.port)], {
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      const take = (d: Buffer) => {
        output += d.toString();
        if (output.length > 2_000_000) output = output.slice(-1_000_000);
        log.write(d);
      };
      child.stdout!.on("data", take);
      child.stderr!.on("data", take);
      child.once("exit", () => log.end());
      server.child = child;
      await waitForHealth(url, child, () => output);
    },
    async dispose() {
      await server.kill9();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  // A server that never became healthy is stopped here: the caller gets no handle to dispose of it.
  await server.restart().catch(async (e: unknown) => {
    await server.dispose();
    throw e;
  });
  return server;
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`server at ${url} exited (${child.exitCode ?? child.signalCode}):\n${output().slice(-3000)}`);
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await pollPause(250);
  }
  throw new Error(`server at ${url} did not answer /api/health within ${timeoutMs} ms:\n${output().slice(-3000)}`);
}

/**
 * The pause between two looks of a polling loop that ends at a deadline (or a client's retry after
 * the wait an answer asked for). Never a wait for work to be done: wait for its evidence instead
 * (`waitFor`, `reconcilerTicks`).
 */
export const pollPause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Scenario time, not a wait for work: how long something simulated lasts or when it happens (a
 * slow endpoint's answer, customers arriving one after another, a Retry-After the app announced).
 */
export const scenarioTime = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Resolves once the app's reconciler has finished `ticks` whole ticks from now, read from its
 * health (`reconciler.lastTickAt` is when a tick began, and ticks never overlap: the start of the
 * next proves the one before has ended).
 */
export async function reconcilerTicks(appUrl: string, ticks: number, timeoutMs: number): Promise<void> {
  const lastTickAt = async () => {
    const res = await fetch(`${appUrl}/api/health`, { signal: AbortSignal.timeout(10_000) });
    return ((await res.json()) as { reconciler: { lastTickAt: string | null } }).reconciler.lastTickAt;
  };
  const starts = new Set([await lastTickAt()]);
  await waitFor(
    `${ticks} reconciler ticks`,
    async () => starts.add(await lastTickAt()).size > ticks + 1,
    timeoutMs,
    200,
  );
}

/** Waits until `check` returns a truthy value, polling; throws with `what` after timeoutMs. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await pollPause(everyMs);
  }
}

export interface Delivery {
  id: string;
  type: string;
  checkoutId: string | null;
  state: string | null;
  at: number;
  /** The path and query it was posted to. */
  path: string;
}

export interface Receiver {
  url: string;
  deliveries: Delivery[];
  /** Requests that have arrived and not been answered yet (only those whose path contains `pathPart`, if given). */
  inFlight(pathPart?: string): number;
  setDelayMs(ms: number): void;
  close(): Promise<void>;
}

/** The merchant's webhook endpoint: records every delivery, answers 204 after `delayMs`. */
export async function startReceiver(port: number, delayMs = 0): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  const open: string[] = [];
  let delay = delayMs;
  const server = createServer(async (req, res) => {
    const path = req.url ?? "/";
    open.push(path);
    try {
      const body = await readAll(req);
      const event = JSON.parse(body.toString("utf8")) as {
        id: string;
        type: string;
        data?: { checkout?: { id: string; state: string } };
      };
      if (delay > 0) await scenarioTime(delay); // a slow merchant endpoint
      deliveries.push({
        id: event.id,
        type: event.type,
        checkoutId: event.data?.checkout?.id ?? null,
        state: event.data?.checkout?.state ?? null,
        at: Date.now(),
        path,
      });
      res.writeHead(204).end();
    } catch {
      res.writeHead(400).end();
    } finally {
      open.splice(open.indexOf(path), 1);
    }
  });
  await listen(server, port);
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    deliveries,
    inFlight: (pathPart) => open.filter((p) => !pathPart || p.includes(pathPart)).length,
    setDelayMs: (ms) => {
      delay = ms;
    },
    close: () => close(server),
  };
}

/** One URL in front of several instances: each request goes to the next one in turn (skipping dead ones). */
export async function startProxy(
  port: number,
  targets: number[],
): Promise<{ url: string; counts: number[]; errors: string[]; close(): Promise<void> }> {
  const counts = targets.map(() => 0);
  const errors: string[] = [];
  let next = 0;
  const server = createServer(async (req, res) => {
    const body = await readAll(req);
    const first = next++;
    for (let tries = 0; tries < targets.length; tries++) {
      const i = (first + tries) % targets.length; // each instance once, whatever other requests do meanwhile
      try {
        const answer = await forward(targets[i]!, req, body);
        counts[i]! += 1;
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
        return;
      } catch (e) {
        // that instance is down: try the next one, as a load balancer would
        errors.push(`${targets[i]} ${req.method} ${req.url}: ${(e as Error).message}`);
      }
    }
    res.writeHead(502).end("no instance answered");
  });
  await listen(server, port);
  return { url: `http://127.0.0.1:${port}`, counts, errors, close: () => close(server) };
}

function forward(
  port: number,
  req: IncomingMessage,
  body: Buffer,
): Promise<{ status: number; headers: Record<string, string | string[]>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: `127.0.0.1:${port}` };
    // A fresh connection per request (agent: false): no stale keep-alive socket to trip over.
    const out = httpRequest(
      {
        host: "127.0.0.1",
        port,
        method: req.method,
        path: req.url,
        headers: { ...headers, connection: "close" },
        agent: false,
        timeout: 60_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const h: Record<string, string | string[]> = {};
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined && k !== "transfer-encoding" && k !== "connection") h[k] = v;
          resolve({ status: res.statusCode ?? 502, headers: h, body: Buffer.concat(chunks) });
        });
        res.on("error", reject);
      },
    );
    out.on("error", reject);
    out.on("timeout", () => out.destroy(new Error("timeout")));
    out.end(body);
  });
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((r) => server.close(() => r()));
}

/** Writes test-results/reliability-<name>.json (the figures docs/RELIABILITY.md quotes). */
export function writeFigures(name: string, figures: Record<string, unknown>) {
  mkdirSync("test-results", { recursive: true });
  writeFileSync(
    `test-results/reliability-${name}.json`,
    JSON.stringify({ ...figures, recordedAt: new Date().toISOString() }, null, 2) + "\n",
  );
}

/** Runs `work` over `items`, at most `concurrency` at a time. */
export async function pool<T, R>(
  items: T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!, i);
      }
    }),
  );
  return results;
}

/** A TCP relay to 127.0.0.1:targetPort (a database's "network"): `cut()` drops every connection and refuses new ones; `restore()` listens again. */
export async function startTcpRelay(
  port: number,
  targetPort: number,
): Promise<{ port: number; cut(): Promise<void>; restore(): Promise<void> }> {
  const sockets = new Set<import("node:net").Socket>();
  const server = createNetServer((client) => {
    const upstream = connect(targetPort, "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  const open = () =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
  await open();
  return {
    port,
    async cut() {
      if (!server.listening) return;
      const closed = new Promise<void>((r) => server.close(() => r()));
      for (const s of sockets) s.destroy();
      await closed;
    },
    restore: open,
  };
}
