#!/usr/bin/env node
// Prints an ADMIN_PASSWORD_HASH for the dashboard: reads the password from stdin (not from the
// command line, where it would land in shell history) and hashes it with scrypt.
//   npm run --silent hash-password            (type the password, then Enter)
//   printf '%s' "$PASSWORD" | npm run --silent hash-password
import { randomBytes, scrypt } from "node:crypto";

// OWASP's current scrypt cost; keep in step with COST in lib/auth/password.ts (a test checks).
const N = 2 ** 17,
  r = 8,
  p = 1;
const chunks = [];
if (process.stdin.isTTY) process.stderr.write("Password (input is visible; press Enter): ");
for await (const chunk of process.stdin) {
  chunks.push(chunk);
  if (process.stdin.isTTY && String(chunk).includes("\n")) break;
}
const password = Buffer.concat(chunks)
  .toString("utf8")
  .replace(/\r?\n$/, "");
if (password.length < 12) {
  console.error("Use at least 12 characters.");
  process.exit(1);
}
const salt = randomBytes(16);
scrypt(password.normalize("NFKC"), salt, 32, { N, r, p, maxmem: 256 * N * r }, (err, key) => {
  if (err) throw err;
  console.log(`scrypt$${N}$${r}$${p}$${salt.toString("base64")}$${key.toString("base64")}`);
});
