/**
 * Starts and stops the production build for the benchmark: `next start` on 127.0.0.1 with a
 * DATA_DIR of its own, in sandbox mode, with the bare comparison route switched on
 * (BENCH_BARE_ROUTE=1, see app/sandbox/bench/[id]/route.ts). Also reads the server's resident memory.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface BenchServer {
  origin: string;
  port: number;
  dataDir: string;
  pid: number;
  /** Resident memory of the server process (and any children), in MiB. */
  rssMiB(): number;
  stop(): Promise<void>;
}

export function freshDataDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `bfx-bench-${label}-`));
}

/** Runs a command to completion (output shown); rejects on a non-zero exit. */
export function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(" ")} exited ${code}`)),
    );
  });
}

/** Seeds `count` open checkouts into `dataDir` (bench/seed.ts, in its own process). */
export async function seedDataDir(
  dataDir: string,
  count: number,
  appUrl: string,
  databaseUrl?: string,
): Promise<{ seeded: number; ms: number }> {
  const out = await run(process.execPath, [
    "--conditions=react-server",
    "--import",
    "tsx",
    "bench/seed.ts",
    dataDir,
    String(count),
    appUrl,
    ...(databaseUrl ? [databaseUrl] : []),
  ]);
  return JSON.parse(out.trim().split("\n").pop()!) as { seeded: number; ms: number };
}

function rssKiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** `nodeArgs` go to the server's node (e.g. ["--cpu-prof"] to profile it). */
export async function startServer(opts: {
  port: number;
  dataDir: string;
  env?: Record<string, string>;
  nodeArgs?: string[];
}): Promise<BenchServer> {
  const origin = `http://127.0.0.1:${opts.port}`;
  const args = [
    ...(opts.nodeArgs ?? []),
    "node_modules/next/dist/bin/next",
    "start",
    "-H",
    "127.0.0.1",
    "-p",
    String(opts.port),
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(opts.port),
      DATA_DIR: opts.dataDir,
      APP_URL: origin,
      BENCH_BARE_ROUTE: "1",
      ...opts.env,
    },
    stdio: ["ignore", "ignore", "pipe"],
    // Its own process group: `next start` runs the server as a child process, and stopping only
    // the parent could leave that child serving an old build on the port.
    detached: true,
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => {
    stderr = (stderr + d).slice(-4000);
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  // Ready when the health check answers (it also opens the database and starts the reconciler).
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early: ${stderr}`);
    try {
      const res = await fetch(`${origin}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      killGroup(child, "SIGKILL");
      throw new Error(`server on ${origin} not ready in 90 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const pid = child.pid!;
  return {
    origin,
    port: opts.port,
    dataDir: opts.dataDir,
    pid,
    rssMiB: () => {
      const all = [pid, ...childrenOf(pid)];
      return all.reduce((sum, p) => sum + rssKiB(p), 0) / 1024;
    },
    stop: () => stopChild(child, exited),
  };
}

/** Signals the child's whole process group (it was started detached), or the child alone. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    child.kill(signal);
  }
}

/** SIGTERM to the server and its children, and SIGKILL if it has not exited 10 s later. */
async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null) {
    killGroup(child, "SIGKILL"); // the parent is gone; its server child must not outlive it
    return;
  }
  killGroup(child, "SIGTERM");
  const timer = setTimeout(() => killGroup(child, "SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** The sandbox as a process of its own (bench/sandbox-server.ts), on the state in `stateDir`. */
export async function startStandaloneSandbox(
  stateDir: string,
  port: number,
): Promise<{ origin: string; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "bench/sandbox-server.ts", stateDir, String(port)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("sandbox server not ready in 60 s")), 60_000);
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d;
      const m = /ready (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once("exit", (code) => reject(new Error(`sandbox server exited ${code}`)));
  });
  return {
    origin,
    stop: () => stopChild(child, exited),
  };
}

/** Environment for the app in live mode with `sandboxOrigin` standing in for api.bitfinex.com. */
export function liveModeEnv(sandboxOrigin: string): Record<string, string> {
  return {
    BFX_API_KEY: "sandbox-api-key",
    BFX_API_SECRET: "sandbox-api-secret",
    BFX_API_URL: `${sandboxOrigin}/sandbox/bitfinex`,
    BFX_PUBLIC_API_URL: `${sandboxOrigin}/sandbox/bitfinex`,
  };
}

export async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`${init?.method ?? "GET"} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
