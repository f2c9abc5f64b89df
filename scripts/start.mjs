#!/usr/bin/env node
// Starts the production server: Next's standalone build (server.js beside this file once
// `npm run build` has copied it there, as in the Dockerfile and the systemd unit), in this one
// process, with a graceful stop.
//
// Why not `next start`: it runs the server in a child process that could outlive npm and keep the
// port, and on SIGTERM it exits 143 without letting the app finish its own work. Here, on SIGTERM
// or SIGINT:
//   1. the listening socket closes (no new connection is accepted; a load balancer moves on);
//   2. requests in flight finish, for at most SHUTDOWN_GRACE_MS (default 15 s), then any
//      connection left is closed;
//   3. the app stops its background work: the reconciler finishes the Bitfinex call it has in
//      flight and records its outcome, the webhook deliverer records the deliveries in flight and
//      claims nothing more, then the database is closed (lib/startup/shutdown.ts);
//   4. the process exits 0.
//
// HOSTNAME: where to listen. Unset, the sandbox (no BFX_API_KEY) listens on 127.0.0.1 only: its
// sign-in is public (admin / sandbox) and it would send webhooks anywhere; live mode listens on
// every interface. Set HOSTNAME=0.0.0.0 to reach a sandbox from another machine.
import http from "node:http";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
// In the repository this file is scripts/start.mjs; in a deployed folder it sits beside server.js.
const server = [join(here, "server.js"), join(here, "../.next/standalone/server.js")].find(existsSync);
if (!server) {
  console.error("No build to start: run `npm run build` first (it writes .next/standalone).");
  process.exit(1);
}

// A bad variable stops the app here, naming it, before the server says "Ready" (lib/startup/config-gate.ts).
const gate = join(dirname(server), "config-gate.mjs");
if (existsSync(gate)) {
  const problem = (await import(pathToFileURL(gate).href)).configProblem(process.env);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}

// Next's server.js changes into its own folder, which the next build empties: a relative DATA_DIR
// (default .data) is kept relative to where the server was started, as with `next start`.
process.env.DATA_DIR = resolve(process.env.DATA_DIR || ".data");
const blank = (v) => v === undefined || v.trim() === "";
const sandbox = blank(process.env.BFX_API_KEY);
const hostChosen = !blank(process.env.HOSTNAME);
process.env.HOSTNAME = hostChosen ? process.env.HOSTNAME.trim() : sandbox ? "127.0.0.1" : "0.0.0.0";
console.log(
  `bitfinex-checkout: listening on ${process.env.HOSTNAME}:${process.env.PORT || 3000} (${
    hostChosen ? "HOSTNAME" : `${sandbox ? "sandbox" : "live"} mode default; set HOSTNAME to change it`
  })`,
);
// We stop the server ourselves (below); Next's own handler would exit before the app's work is done.
process.env.NEXT_MANUAL_SIG_HANDLE = "1";

const graceMs = Number(process.env.SHUTDOWN_GRACE_MS ?? 15_000);
if (!Number.isInteger(graceMs) || graceMs < 0) {
  console.error(`SHUTDOWN_GRACE_MS must be a whole number of milliseconds (got "${process.env.SHUTDOWN_GRACE_MS}")`);
  process.exit(1);
}

// Next creates its HTTP server inside startServer() and does not hand it out; keep a reference.
const servers = [];
const createServer = http.createServer;
http.createServer = function (...args) {
  const created = createServer.apply(this, args);
  servers.push(created);
  return created;
};

// Bitfinex calls time out after BFX_TIMEOUT_MS (10 s by default); a webhook delivery after 10 s.
const STOP_WORK_MS = 30_000;
let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  const started = Date.now();
  // Also what keeps the process alive until the end: once the server has closed, the app's own
  // timers are unref'd and Node would otherwise exit in the middle of the steps below.
  const deadline = setTimeout(() => {
    console.error(`shutdown: not done after ${graceMs + STOP_WORK_MS} ms; exiting anyway`);
    process.exit(1);
  }, graceMs + STOP_WORK_MS);
  console.log(`shutdown: ${signal}: no new connections; waiting for requests in flight (at most ${graceMs} ms)`);
  const closed = Promise.all(servers.map((s) => new Promise((resolve) => s.close(() => resolve(undefined)))));
  // Payment pages' status streams never finish by themselves: end them (the pages reconnect to
  // another instance, or poll), so they do not hold the stop for the whole grace period.
  globalThis.__checkoutEndStreams?.();
  for (const s of servers) s.closeIdleConnections?.();
  const timer = setTimeout(() => {
    console.log("shutdown: grace period over; closing the connections left");
    for (const s of servers) s.closeAllConnections?.();
  }, graceMs);
  await closed;
  clearTimeout(timer);
  // The app's own work (lib/startup/shutdown.ts, registered by instrumentation.ts).
  const appShutdown = globalThis.__checkoutShutdown;
  if (typeof appShutdown === "function") {
    try {
      await appShutdown();
    } catch (e) {
      console.error("shutdown: the app's background work did not stop cleanly:", e);
      process.exit(1);
    }
  }
  clearTimeout(deadline);
  console.log(`shutdown: done in ${Date.now() - started} ms`);
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));

await import(pathToFileURL(server).href);
