// The shape of one hostile request in the corpus, and what it must get back.
//
// Paths and bodies may hold placeholders, filled in from fixtures the spec makes first:
//   {co}       a POS checkout awaiting payment        {ecom}      an ECOMMERCE checkout without customer details
//   {link}     a fixed-amount payment link             {openLink}  a link where the customer chooses 2.00–50.00 EUR
//   {offLink}  a payment link that was turned off      {signed}    the query string of a valid signed link (12.00 USD)
//   {expiredSigned} the query of a signed link past its exp

export interface HostileCase {
  /** Says what is wrong with the request, in words. */
  name: string;
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  /** Sent as JSON (Content-Type: application/json) unless `body` is given. */
  json?: unknown;
  /** A raw body, sent exactly (with whatever Content-Type `headers` says, or none). */
  body?: string | Buffer;
  headers?: Record<string, string>;
  /**
   * Merchant API key: "valid" (default for /api/v1: every scope), none at all, or a key made in the
   * dashboard with the default scopes (checkouts:read, checkouts:write).
   */
  apiKey?: "valid" | "none" | "default-scopes";
  /** A signed-in dashboard session (and a same-origin request) goes with it. */
  session?: boolean;
  expect: {
    status: number;
    /** The JSON error's `code`; HTML answers are checked for `html` instead. */
    code?: string;
    field?: string;
    /** An HTML answer whose text matches (error pages of links and the payment page). */
    html?: RegExp;
  };
}

export type Endpoint = { endpoint: string; cases: HostileCase[] };
