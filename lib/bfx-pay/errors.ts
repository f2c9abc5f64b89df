/**
 * Errors as Bitfinex sends them: HTTP 500 with `["error", CODE, "message"]` (../shared/bitfinex-api.md
 * §2). Authentication problems carry Bitfinex's own codes and words (10100 `apikey: invalid` /
 * `apikey: digest invalid`, 10114 `nonce: small`); invoice problems come, as Bitfinex Pay's do, with a
 * null code and an `ERR_CREATE_INVOICE: …` message. The plugin shows a shop customer
 * "Bitfinex invoice creation failed with reason: <message>", or its own sentence for the three
 * messages it knows, so ours are sentences a customer can read.
 */
export class BfxError extends Error {
  constructor(
    readonly code: number | null,
    message: string,
    readonly status = 500,
  ) {
    super(message);
  }

  body(): [string, number | null, string] {
    return ["error", this.code, this.message];
  }
}

export const ERR_PARAMS = 10020;
export const ERR_AUTH_FAIL = 10100;
export const ERR_AUTH_NONCE = 10114;
/** Bitfinex's answer past a rate limit: HTTP 429 `["error", 11010, "ratelimit: error"]` (bitfinex-api.md §2). */
export const ERR_RATE_LIMIT = 11010;

export const authFailed = (message: "apikey: invalid" | "apikey: digest invalid") =>
  new BfxError(ERR_AUTH_FAIL, message);
export const nonceSmall = () => new BfxError(ERR_AUTH_NONCE, "nonce: small");
export const rateLimited = () => new BfxError(ERR_RATE_LIMIT, "ratelimit: error", 429);
export const paramsInvalid = (field: string, why: string) => new BfxError(ERR_PARAMS, `${field}: ${why}`);
/** A refusal of the invoice itself, in Bitfinex Pay's form. */
export const invoiceRefused = (reason: string) => new BfxError(null, `ERR_CREATE_INVOICE: ${reason}`);
