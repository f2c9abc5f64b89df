/**
 * The key that signs session cookies. NEXTAUTH_SECRET when set (required for several instances:
 * they must share it); otherwise a random one made on first start and kept in DATA_DIR, so a
 * fresh clone needs no configuration and sessions survive a restart.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AppConfig } from "../env";

const cache = globalThis as unknown as { __authSecret?: string };

export function authSecret(config: AppConfig): string {
  if (config.admin.authSecret) return config.admin.authSecret;
  if (cache.__authSecret) return cache.__authSecret;
  const file = join(config.dataDir, "auth-secret");
  let secret: string;
  try {
    secret = readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(config.dataDir, { recursive: true });
    secret = randomBytes(32).toString("base64url");
    // "wx": if another process wrote it first, use theirs.
    try {
      writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    } catch {
      secret = readFileSync(file, "utf8").trim();
    }
  }
  return (cache.__authSecret = secret);
}
