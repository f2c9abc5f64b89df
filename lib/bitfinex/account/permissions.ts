/**
 * What the API key may do: one row per scope, [SCOPE, READ, WRITE] with 0/1 flags.
 * @see https://docs.bitfinex.com/reference/key-permissions
 */
import { z } from "zod";
import type { BitfinexTransport } from "../transport";
import { parseWire } from "../wire/parse";

const flag = z.union([z.number(), z.boolean()]).transform((v) => v === true || v === 1);
const wirePermissions = z.array(z.tuple([z.string(), flag, flag]).rest(z.unknown()));

export interface KeyPermission {
  scope: string;
  read: boolean;
  write: boolean;
}

export async function getKeyPermissions(t: BitfinexTransport): Promise<KeyPermission[]> {
  const path = "v2/auth/r/permissions";
  const rows = parseWire(wirePermissions, await t.authPost(path, {}, { idempotent: true }), "/" + path);
  return rows.map(([scope, read, write]) => ({ scope: scope.toLowerCase(), read, write }));
}
