/**
 * Admin passwords are stored only as scrypt hashes (node:crypto), in the form
 *   scrypt$N$r$p$<salt base64>$<hash base64>
 * so the cost can be raised later without breaking stored hashes. Made by `npm run hash-password`
 * (scripts/hash-password.mjs uses the same cost). The cost is OWASP's current recommendation for
 * scrypt (N=2^17, r=8, p=1: 128 MiB and a few hundred ms per hash); hashes made with a lower cost
 * still verify, and `needsRehash` says when one should be made again.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";
import PQueue from "p-queue";

export const COST = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;

// One hash at a time per process: each takes 128 MiB at today's cost (Node's default maxmem of
// 32 MiB is raised to fit: scrypt needs 128·N·r bytes), so parallel sign-in attempts must not
// multiply that.
const queue = new PQueue({ concurrency: 1 });
/** Sign-in attempts waiting for a hash beyond this are told to retry instead of queueing for long. */
export const MAX_WAITING_HASHES = 16;

export class PasswordCheckBusy extends Error {
  constructor() {
    super("too many password checks waiting");
  }
}

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  if (queue.size + queue.pending >= MAX_WAITING_HASHES) return Promise.reject(new PasswordCheckBusy());
  return queue.add(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scryptCallback(
          password.normalize("NFKC"),
          salt,
          KEY_LENGTH,
          { ...options, maxmem: 256 * options.N! * options.r! },
          (err, key) => (err ? reject(err) : resolve(key)),
        ),
      ),
  );
}

/** True when `stored` was made with a lower cost than today's (and so should be made again). */
export function needsRehash(stored: string): boolean {
  const [, N, r, p] = stored.split("$").map(Number);
  return !(N! >= COST.N && r! >= COST.r && p! >= COST.p);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, COST);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every(Number.isSafeInteger) || N > 2 ** 20 || r > 32 || p > 16) return false;
  const expected = Buffer.from(parts[5]!, "base64");
  const actual = await scrypt(password, Buffer.from(parts[4]!, "base64"), { N, r, p });
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Constant-time comparison of two strings (for the sandbox's plain password). */
export function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
