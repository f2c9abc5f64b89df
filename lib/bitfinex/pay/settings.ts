/**
 * Merchant settings kept by Bitfinex (keys such as `bfx_pay_preferred_fiat`). The write's value
 * field is `value` in the Node SDK and `val` in the Python SDK; we send `value` (the Node SDK is
 * the one that also documents the batch form `{settings: [{key, value}]}`), "unconfirmed".
 * Answers are not documented: a read accepts the bare value or `{key, value}`; a list accepts an
 * object map, `[{key, value}]` or `[[key, value]]`.
 * @see bfx-api-node-rest 6.0.0 lib/rest2.js payMerchantSettingsWrite/WriteBatch/Read/List
 * @see https://docs.bitfinex.com/reference/merchant-settings-list
 */
import { z } from "zod";
import type { BitfinexTransport } from "../transport";
import { parseWire } from "../wire/parse";

export type SettingValue = string | number | boolean | null;
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const pair = z.union([
  z
    .object({ key: z.string(), value: scalar.optional(), val: scalar.optional() })
    .transform((o) => [o.key, o.value ?? o.val ?? null] as const),
  z.tuple([z.string(), scalar]),
]);
export const wireSettingsList = z.union([
  z.array(pair).transform((rows) => Object.fromEntries(rows)),
  z.record(z.string(), scalar),
]);
const wireSetting = z.union([
  scalar,
  z.object({ value: scalar.optional(), val: scalar.optional() }).transform((o) => o.value ?? o.val ?? null),
]);

export async function getMerchantSetting(t: BitfinexTransport, key: string): Promise<SettingValue> {
  const path = "v2/auth/r/ext/pay/settings/get";
  return parseWire(wireSetting, await t.authPost(path, { key }, { idempotent: true }), "/" + path);
}

/** Every setting when `keys` is empty. */
export async function listMerchantSettings(
  t: BitfinexTransport,
  keys: string[] = [],
): Promise<Record<string, SettingValue>> {
  const path = "v2/auth/r/ext/pay/settings/list";
  return parseWire(wireSettingsList, await t.authPost(path, { keys }, { idempotent: true }), "/" + path);
}

/** `value` null unsets the key. Writing the same value twice is harmless: retried. */
export async function setMerchantSetting(t: BitfinexTransport, key: string, value: SettingValue): Promise<void> {
  await t.authPost("v2/auth/w/ext/pay/settings/set", { key, value }, { idempotent: true });
}

export async function setMerchantSettings(
  t: BitfinexTransport,
  settings: Array<{ key: string; value: SettingValue }>,
): Promise<void> {
  await t.authPost("v2/auth/w/ext/pay/settings/set/batch", { settings }, { idempotent: true });
}
