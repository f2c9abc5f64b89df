// The deployable build for the reliability specs: a copy of the standalone folder (what the
// Dockerfile and the systemd unit run), started with `node start.mjs` and a bare environment, so
// nothing of the test runner's environment reaches the app. Stopped with SIGTERM, as an operator
// stops it; the exit code is kept for the spec to check.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** `node scripts/prepare-standalone.mjs --to DIR`: a folder of its own (needs `npx next build` first). */
export function copyStandalone(): string {
  const folder = join(mkdtempSync(join(tmpdir(), "bfx-standalone-")), "app");
  execFileSync(process.execPath, ["scripts/prepare-standalone.mjs", "--to", folder], { stdio: "pipe" });
  return folder;
}

export interface Standalone {
  port: number;
  /** http://127.0.0.1:port */
  url: string;
  child: ChildProcess;
  output(): string;
  /** The exit code (null: ended by a signal). */
  exited: Promise<number | null>;
  /** SIGTERM, and the exit code once the process is gone. */
  stop(): Promise<number | null>;
}

export interface StandaloneOptions {
  folder: string;
  port: number;
  /** Variables of the deployment (PATH is always passed on, NODE_ENV is production). */
  env: Record<string, string>;
  /** Default `node start.mjs`; e.g. a shell that reads an environment file first. */
  command?: [string, ...string[]];
}

/** Starts the folder's server and resolves once /api/health answers 200 (at most 90 s). */
export async function startStandalone(options: StandaloneOptions): Promise<Standalone> {
  const [cmd, ...args]: [string, ...string[]] = options.command ?? [process.execPath, "start.mjs"];
  const child: ChildProcess = spawn(cmd, args, {
    cwd: options.folder,
    // NODE_ENV: Next's server.js sets it to production itself; said here for the type.
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const take = (d: Buffer) => {
    log += d.toString();
    if (log.length > 2_000_000) log = log.slice(-1_000_000);
  };
  child.stdout!.on("data", take);
  child.stderr!.on("data", take);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  process.once("exit", () => child.kill("SIGKILL"));
  const url = `http://127.0.0.1:${options.port}`;
  const app: Standalone = {
    port: options.port,
    url,
    child,
    output: () => log,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the standalone server exited (${child.exitCode ?? child.signalCode}):\n${log.slice(-3000)}`);
    const status = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return app;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the standalone server did not answer /api/health within 90 s:\n${log.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
