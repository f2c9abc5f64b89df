/**
 * A deposit address for a method ("LNX", "BITCOIN", "TETHERUSX"…). Bitfinex requires one before
 * the first Lightning deposit invoice, and before Pay can accept a currency ("before being able
 * to accept the deposits the user should generate deposit addresses"). 10 requests a minute.
 * @see https://docs.bitfinex.com/reference/rest-auth-deposit-address
 */
import { z } from "zod";
import { BitfinexError } from "../errors";
import type { BitfinexTransport } from "../transport";
import type { DepositAddress } from "../types";
import { parseWire } from "../wire/parse";

// [MTS, TYPE, MSG_ID, null, [null, METHOD, CURRENCY_CODE, null, ADDRESS, POOL_ADDRESS], CODE, STATUS, TEXT]
const wireNotification = z
  .tuple([
    z.unknown(),
    z.unknown(),
    z.unknown(),
    z.unknown(),
    z.array(z.unknown()),
    z.unknown(),
    z.string(),
    z.unknown(),
  ])
  .rest(z.unknown());

export async function createDepositAddress(
  t: BitfinexTransport,
  input: { method: string; wallet?: "exchange"; renew?: boolean },
): Promise<DepositAddress> {
  const path = "v2/auth/w/deposit/address";
  const body = { wallet: input.wallet ?? "exchange", method: input.method, op_renew: input.renew ? 1 : 0 };
  // Asking for the existing address again (op_renew 0) returns the same one, so a retry is safe.
  const answer = await t.authPost(path, body, { idempotent: !input.renew });
  const [, , , , data, , status, text] = parseWire(wireNotification, answer, "/" + path);
  // SUCCESS is Bitfinex's word that the address exists; what ADDRESS holds varies by method
  // (for LNX it is not a payable address at all), so it is kept when it is text and not required.
  // Any other status is Bitfinex refusing (e.g. a method the account cannot take deposits in):
  // not a passing fault, so not worth repeating against a budget of 10 calls a minute.
  if (status !== "SUCCESS") {
    throw new BitfinexError({
      kind: "invalid_request",
      endpoint: "/" + path,
      upstreamMessage: `${status}: ${String(text)}`,
    });
  }
  const address = data[4];
  return {
    method: String(data[1] ?? input.method),
    currency: String(data[2] ?? ""),
    address: typeof address === "string" && address !== "" ? address : null,
    poolAddress: typeof data[5] === "string" ? data[5] : null,
  };
}
