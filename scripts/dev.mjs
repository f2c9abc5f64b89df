#!/usr/bin/env node
// `npm run dev`: starts Next's development server on PORT, on the interface HOSTNAME names (`npm start`
// is scripts/start.mjs, the same rule for the production server). Unset, sandbox
// mode (no BFX_API_KEY) listens on 127.0.0.1 only: it has a public dashboard password, a public API
// key, /sandbox/control and webhooks to any address, none of which may be reachable from the
// network. Live mode listens on every interface (0.0.0.0), as `next start` always did. In a
// container, where HOSTNAME is the container's name, set HOSTNAME=0.0.0.0 (README: Configuration).
import { spawn } from "node:child_process";

const env = process.env;
const blank = (v) => v === undefined || v.trim() === "";
const sandbox = blank(env.BFX_API_KEY);
const host = blank(env.HOSTNAME) ? (sandbox ? "127.0.0.1" : "0.0.0.0") : env.HOSTNAME.trim();
const port = blank(env.PORT) ? "3000" : env.PORT.trim();
console.log(
  `bitfinex-checkout: listening on ${host}:${port} (${
    blank(env.HOSTNAME) ? `${sandbox ? "sandbox" : "live"} mode default; set HOSTNAME to change it` : "HOSTNAME"
  })`,
);
const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "dev", "-H", host, "-p", port], {
  stdio: "inherit",
  env,
});
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else process.exit(code ?? 1);
});
