// What customers open: payment links (/l/{id}, with a chosen amount) and signed links (/s?…).
import type { Endpoint, HostileCase } from "./types";
import { BAD_AMOUNTS } from "./values";

const invalidLink = { status: 400, html: /This payment link is not valid/ };
const badAmount = { status: 422, html: /The amount/ };

// Customer-chosen amounts for a 2.00–50.00 EUR link; the JSON-only values make no sense in a URL.
// The amount form reads what a customer types (lib/i18n/parse-amount.ts): spaces around it are
// dropped, so those are not hostile there (they are for the JSON API).
const TYPED_BY_CUSTOMERS = new Set(["a leading space", "a trailing space"]);
const urlAmounts = BAD_AMOUNTS.filter(
  ([name, v]) => typeof v === "string" && v !== "" && !TYPED_BY_CUSTOMERS.has(name),
) as Array<[string, string]>;

const paymentLinks: HostileCase[] = [
  ...urlAmounts.map(([name, amount]): HostileCase => ({
    name: `chosen amount: ${name}`,
    path: `/l/{openLink}?amount=${encodeURIComponent(amount)}`,
    expect: badAmount,
  })),
  { name: "chosen amount: an empty value", path: "/l/{openLink}?amount=", expect: badAmount },
  { name: "chosen amount: below the link's minimum", path: "/l/{openLink}?amount=1.99", expect: badAmount },
  { name: "chosen amount: above the link's maximum", path: "/l/{openLink}?amount=50.01", expect: badAmount },
  { name: "chosen amount: given twice", path: "/l/{openLink}?amount=2.00&amount=0.01", expect: badAmount },
  {
    name: "an unknown link",
    path: "/l/lnk_aaaaaaaaaaaaaaaaaaaaaaaaaa",
    expect: { status: 404, html: /Payment link not found/ },
  },
  { name: "a checkout id as a link", path: "/l/{co}", expect: { status: 404, html: /Payment link not found/ } },
  {
    name: "SQL as the link id",
    path: `/l/${encodeURIComponent("lnk_' OR '1'='1")}`,
    expect: { status: 404, html: /Payment link not found/ },
  },
  {
    name: "a script as the link id",
    path: `/l/${encodeURIComponent("<script>alert(1)</script>")}`,
    expect: { status: 404, html: /Payment link not found/ },
  },
  {
    name: "a link that was turned off",
    path: "/l/{offLink}",
    expect: { status: 410, html: /turned this payment link off/ },
  },
  {
    name: "a turned-off link with an amount",
    path: "/l/{offLink}?amount=5.00",
    expect: { status: 410, html: /turned this payment link off/ },
  },
  { name: "POST to a link", path: "/l/{link}", method: "POST", json: {}, expect: { status: 405 } },
  {
    name: "the amount form of an unknown link",
    path: "/l/lnk_aaaaaaaaaaaaaaaaaaaaaaaaaa/amount",
    expect: { status: 404, html: /not found|could not be found|404/i },
  },
  {
    name: "the amount form of a fixed-amount link",
    path: "/l/{link}/amount?amount=0.01",
    expect: { status: 404, html: /not found|could not be found|404/i },
  },
];

/** Each tampering of the valid signed link {signed} (12.00 USD, order INV-R1, with exp). */
const tamper = (name: string, edit: string): HostileCase => ({ name, path: `/s?${edit}`, expect: invalidLink });

const signedLinks: HostileCase[] = [
  tamper("amount lowered", "{signed:amount=0.01}"),
  tamper("amount raised", "{signed:amount=1200.00}"),
  tamper("amount with a trailing zero", "{signed:amount=12.000}"),
  tamper("amount as an exponent", "{signed:amount=1.2e1}"),
  tamper("amount negative", "{signed:amount=-12.00}"),
  tamper("currency changed", "{signed:currency=JPY}"),
  tamper("currency in lower case", "{signed:currency=usd}"),
  tamper("order id changed", "{signed:orderId=INV-R2}"),
  tamper("order id with a script", "{signed:orderId=%3Cscript%3E}"),
  tamper("exp pushed into the future", "{signed:exp=9999999999}"),
  tamper("exp removed", "{signed:exp=}"),
  tamper("exp not a number", "{signed:exp=soon}"),
  tamper("a description added", "{signed}&description=Free"),
  tamper("pay currencies added", "{signed}&payCurrencies=DOGE"),
  tamper("an unknown parameter added", "{signed}&redirectUrl=https%3A%2F%2Fevil.example"),
  tamper("amount given twice", "{signed}&amount=0.01"),
  tamper("sig removed", "{signed:sig=}"),
  tamper("sig too short", "{signed:sig=abc}"),
  tamper("sig of the right length but wrong", `{signed:sig=${"A".repeat(43)}}`),
  tamper("sig with characters outside base64url", `{signed:sig=${"+".repeat(43)}}`),
  tamper("sig in upper case", "{signed:sig=UPPER}"),
  tamper("no parameters at all", ""),
  tamper("only a sig", `sig=${"A".repeat(43)}`),
  tamper("SQL in the amount", "{signed:amount=12.00'%20OR%20'1'%3D'1}"),
  { name: "a link past its exp", path: "/s?{expiredSigned}", expect: { status: 410, html: /has expired/ } },
  { name: "POST to a signed link", path: "/s?{signed}", method: "POST", json: {}, expect: { status: 405 } },
];

export const links: Endpoint[] = [
  { endpoint: "GET /l/{id}", cases: paymentLinks },
  { endpoint: "GET /s", cases: signedLinks },
];
