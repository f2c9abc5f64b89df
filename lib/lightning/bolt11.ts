/**
 * Reads a BOLT11 Lightning invoice (https://github.com/lightning/bolts/blob/master/11-payment-encoding.md)
 * with `light-bolt11-decoder`, a maintained decoder (bech32 and checksum by @scure/base), and keeps
 * what the checkout needs: network, amount as an exact decimal BTC string (never a float), payment
 * hash, creation time and expiry.
 *
 * The invoice's signature is not checked here: the invoices we read come from Bitfinex over its
 * authenticated API, and the customer's wallet checks the signature before it pays. The encoder
 * (which signs) exists only for the sandbox: lib/sandbox/lightning/bolt11-encoder.ts.
 */
import { decode } from "light-bolt11-decoder";
import { Money, toAmountString } from "../money/decimal";

export type Bolt11Network = "bc" | "tb" | "bcrt";

export type Bolt11ErrorCode = "input" | "invalid" | "network" | "payment_hash";

/** Every failure is a Bolt11Error, so callers can show `message` to a human and branch on `code`. */
export class Bolt11Error extends Error {
  readonly code: Bolt11ErrorCode;
  constructor(code: Bolt11ErrorCode, message: string) {
    super(message);
    this.name = "Bolt11Error";
    this.code = code;
  }
}

export interface DecodedBolt11 {
  network: Bolt11Network;
  /** Exact decimal BTC ("0.0001"), trailing zeros trimmed; null for an "any amount" invoice. */
  amountBtc: string | null;
  /** Unix seconds. */
  timestamp: number;
  /** 3600 when the invoice has no `x` field (the spec's default). */
  expirySeconds: number;
  /** timestamp + expirySeconds, unix seconds. */
  expiresAt: number;
  /** Hex. */
  paymentHash: string;
  description?: string;
}

const NETWORKS: readonly string[] = ["bc", "tb", "bcrt"];
const MSAT_PER_BTC = "100000000000";
// No length limit in the spec, but the largest QR code holds about 7,000 characters.
const MAX_LENGTH = 8000;
// The spec's expiry when an invoice has no `x` field (the decoder leaves it undefined then).
const DEFAULT_EXPIRY_SECONDS = 3600;

type Section = ReturnType<typeof decode>["sections"][number];

export function decodeBolt11(invoice: string): DecodedBolt11 {
  if (typeof invoice !== "string") throw new Bolt11Error("input", "Invoice must be a string.");
  const raw = invoice.trim().replace(/^lightning:/i, "");
  if (raw.length > MAX_LENGTH) throw new Bolt11Error("input", "Invoice is too long.");
  // BIP173: all upper case (QR codes) or all lower case, never mixed.
  if (raw !== raw.toLowerCase() && raw !== raw.toUpperCase())
    throw new Bolt11Error("input", "Invoice mixes upper and lower case.");
  let sections: Section[];
  try {
    ({ sections } = decode(raw.toLowerCase()));
  } catch (e) {
    throw new Bolt11Error("invalid", `Not a valid Lightning invoice: ${(e as Error).message}`);
  }
  const find = <N extends Section["name"]>(name: N) =>
    sections.find((s): s is Extract<Section, { name: N }> => s.name === name);
  const network = find("coin_network")?.value?.bech32;
  if (!network || !NETWORKS.includes(network))
    throw new Bolt11Error("network", `Unsupported Lightning network "${network ?? "?"}".`);
  const paymentHash = find("payment_hash")?.value;
  if (!paymentHash || !/^[0-9a-f]{64}$/.test(paymentHash))
    throw new Bolt11Error("payment_hash", "Invoice has no payment hash.");
  const msat = find("amount")?.value;
  const timestamp = find("timestamp")?.value ?? 0;
  const description = find("description")?.value;
  const expiry = find("expiry")?.value ?? DEFAULT_EXPIRY_SECONDS;
  return {
    network: network as Bolt11Network,
    amountBtc: msat ? toAmountString(new Money(msat).div(MSAT_PER_BTC)) : null,
    timestamp,
    expirySeconds: expiry,
    expiresAt: timestamp + expiry,
    paymentHash,
    ...(description !== undefined && { description }),
  };
}
