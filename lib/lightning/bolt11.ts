/**
 * BOLT11 Lightning invoice encoding/decoding, written from the spec
 * (https://github.com/lightning/bolts/blob/master/11-payment-encoding.md).
 *
 * Layout: bech32( hrp = "ln" + network + amount?, data = timestamp(35 bits) + tagged fields + signature(520 bits) ).
 * Amounts are handled as bigint millisatoshis and decimal strings only: never JS floats.
 */
import { bech32 } from "@scure/base";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, concatBytes, utf8ToBytes } from "@noble/hashes/utils.js";

export type Bolt11Network = "bc" | "tb" | "bcrt";

export type Bolt11ErrorCode = "input" | "bech32" | "prefix" | "amount" | "payment_hash" | "field" | "signature";

/** Every decode/encode failure is a Bolt11Error, so callers can show `message` to a human and branch on `code`. */
export class Bolt11Error extends Error {
  readonly code: Bolt11ErrorCode;
  constructor(code: Bolt11ErrorCode, message: string) {
    super(message);
    this.name = "Bolt11Error";
    this.code = code;
  }
}

export interface EncodeBolt11Input {
  network: Bolt11Network;
  /** Decimal BTC string, e.g. "0.0001". Omit for an "any amount" invoice. */
  amountBtc?: string;
  paymentHash: Uint8Array; // 32 bytes
  paymentSecret?: Uint8Array; // 32 bytes
  timestamp: number; // unix seconds
  expirySeconds: number;
  description: string;
  privateKey: Uint8Array; // 32-byte secp256k1 node key
  minFinalCltvExpiry?: number;
}

export interface DecodedBolt11 {
  network: Bolt11Network;
  amountMsat: bigint | null; // null = "any amount" invoice
  amountBtc: string | null; // exact decimal string, trailing zeros trimmed
  timestamp: number;
  expirySeconds: number; // 3600 when the invoice has no `x` field
  expiresAt: number; // timestamp + expirySeconds
  minFinalCltvExpiry: number; // 18 when the invoice has no `c` field
  paymentHash: string; // hex
  paymentSecret?: string; // hex
  description?: string;
  descriptionHash?: string; // hex, from an `h` field
  payeeNodeKey: string; // hex compressed pubkey (from `n`, else recovered from the signature)
}

// Tag -> 5-bit type value (spec "Tagged Fields").
const TAG = { p: 1, s: 16, d: 13, n: 19, h: 23, x: 6, c: 24, features: 5 } as const;
// Longest first so "bcrt" is not mistaken for "bc" followed by garbage.
const NETWORKS: readonly Bolt11Network[] = ["bcrt", "bc", "tb"];
// Millisatoshis per unit of each multiplier ("" = whole BTC). 1 BTC = 1e11 msat; "p" is handled as /10.
const MSAT_PER_UNIT: ReadonlyArray<readonly [string, bigint]> = [
  ["", 100_000_000_000n], ["m", 100_000_000n], ["u", 100_000n], ["n", 100n],
];
const MSAT_PER_BTC = 100_000_000_000n;
const DEFAULT_EXPIRY = 3600;
const DEFAULT_MIN_FINAL_CLTV = 18;
const SIGNATURE_WORDS = 104; // 65 bytes * 8 / 5
const TIMESTAMP_WORDS = 7; // 35 bits
const MAX_FIELD_WORDS = 1023; // data_length is 10 bits

/** Regroups 5-bit words into bytes. `pad` keeps a zero-padded trailing partial byte (needed for the signed message). */
function wordsToBytes(words: readonly number[], pad: boolean): Uint8Array {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const w of words) {
    acc = ((acc << 5) | w) & 0xfff; // 12 bits are enough: never more than 7+5 pending
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  if (pad && bits > 0) out.push((acc << (8 - bits)) & 0xff);
  return Uint8Array.from(out);
}

/** Minimal big-endian base-32 representation (spec: "SHOULD use the minimum data_length possible"). */
function intToWords(value: number): number[] {
  const words: number[] = [];
  for (let v = BigInt(value); v > 0n; v >>= 5n) words.unshift(Number(v & 31n));
  return words;
}

function wordsToInt(words: readonly number[]): number {
  let v = 0n;
  for (const w of words) v = (v << 5n) | BigInt(w);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Bolt11Error("field", "Invoice contains an out-of-range number.");
  return Number(v);
}

function taggedField(type: number, data: number[]): number[] {
  if (data.length > MAX_FIELD_WORDS) throw new Bolt11Error("input", "Invoice field is too long (use a shorter description).");
  return [type, data.length >> 5, data.length & 31, ...data];
}

/** Feature vector with var_onion_optin (8) and payment_secret (14) compulsory, as modern payers expect with an `s` field. */
function featureWords(bits: readonly number[]): number[] {
  const words = new Array<number>(Math.ceil((Math.max(...bits) + 1) / 5)).fill(0);
  for (const b of bits) {
    const idx = words.length - 1 - Math.floor(b / 5);
    words[idx] = (words[idx] ?? 0) | (1 << (b % 5));
  }
  return words;
}

/** "0.0001" -> 10_000_000n msat, exactly; rejects anything finer than 1 msat. */
function btcToMsat(amountBtc: string): bigint {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(amountBtc); // strict: no sign, exponent or whitespace
  if (!m) throw new Bolt11Error("amount", `Amount "${amountBtc}" is not a plain decimal BTC string.`);
  const frac = (m[2] ?? "").replace(/0+$/, "");
  if (frac.length > 11) throw new Bolt11Error("amount", `Amount "${amountBtc}" is finer than one millisatoshi.`);
  const msat = BigInt((m[1] ?? "0") + frac.padEnd(11, "0"));
  if (msat <= 0n) throw new Bolt11Error("amount", "Amount must be greater than zero.");
  return msat;
}

/** Exact decimal rendering of msat as BTC, trailing zeros trimmed ("0.02", "1"). */
function msatToBtc(msat: bigint): string {
  const whole = msat / MSAT_PER_BTC;
  const frac = (msat % MSAT_PER_BTC).toString().padStart(11, "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : whole.toString();
}

/** Shortest hrp amount: the largest multiplier that divides exactly; pico (x10) always fits and always ends in 0. */
function encodeAmount(msat: bigint): string {
  for (const [suffix, unit] of MSAT_PER_UNIT) if (msat % unit === 0n) return `${msat / unit}${suffix}`;
  return `${msat * 10n}p`;
}

function decodeAmount(amount: string, multiplier: string): bigint {
  if (amount.startsWith("0")) throw new Bolt11Error("amount", "Invoice amount has a leading zero.");
  const n = BigInt(amount);
  if (multiplier === "p") {
    if (n % 10n !== 0n) throw new Bolt11Error("amount", "Invoice amount is below millisatoshi precision.");
    return n / 10n;
  }
  const unit = MSAT_PER_UNIT.find(([s]) => s === multiplier)?.[1];
  if (unit === undefined) throw new Bolt11Error("amount", `Unknown amount multiplier "${multiplier}".`);
  return n * unit;
}

function parseHrp(hrp: string): { network: Bolt11Network; amountMsat: bigint | null } {
  if (!hrp.startsWith("ln")) throw new Bolt11Error("prefix", "Not a Lightning invoice (prefix must start with \"ln\").");
  const rest = hrp.slice(2);
  for (const network of NETWORKS) {
    if (!rest.startsWith(network)) continue;
    const amountPart = rest.slice(network.length);
    if (amountPart === "") return { network, amountMsat: null };
    if (!/^\d/.test(amountPart)) continue; // e.g. "lntbs" (signet): a different, unsupported prefix
    const m = /^(\d+)([a-z]?)$/.exec(amountPart);
    if (!m) throw new Bolt11Error("amount", `Invalid invoice amount "${amountPart}".`);
    return { network, amountMsat: decodeAmount(m[1] ?? "", m[2] ?? "") };
  }
  throw new Bolt11Error("prefix", `Unknown invoice prefix "${hrp}".`);
}

/** The signed message: hrp as UTF-8 bytes + data words (sans signature) zero-padded to a byte boundary. */
function signingHash(hrp: string, dataWords: readonly number[]): Uint8Array {
  return sha256(concatBytes(utf8ToBytes(hrp), wordsToBytes(dataWords, true)));
}

function assertLength(bytes: Uint8Array | undefined, what: string): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== 32) throw new Bolt11Error("input", `${what} must be 32 bytes.`);
}

function assertInt(value: number, what: string, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) throw new Bolt11Error("input", `${what} must be an integer in [${min}, ${max}].`);
}

export function encodeBolt11(input: EncodeBolt11Input): string {
  if (!NETWORKS.includes(input.network)) throw new Bolt11Error("input", `Unsupported network "${input.network}".`);
  assertLength(input.paymentHash, "paymentHash");
  if (input.paymentSecret !== undefined) assertLength(input.paymentSecret, "paymentSecret");
  assertLength(input.privateKey, "privateKey");
  assertInt(input.timestamp, "timestamp", 0, 2 ** 35 - 1);
  assertInt(input.expirySeconds, "expirySeconds", 1);
  if (input.minFinalCltvExpiry !== undefined) assertInt(input.minFinalCltvExpiry, "minFinalCltvExpiry", 1);

  const hrp = `ln${input.network}${input.amountBtc === undefined ? "" : encodeAmount(btcToMsat(input.amountBtc))}`;
  const ts = intToWords(input.timestamp);
  const words: number[] = [...new Array<number>(TIMESTAMP_WORDS - ts.length).fill(0), ...ts];
  // Field order mirrors the spec's modern examples (s, p, d, x, 9) so spec vectors reproduce byte-for-byte.
  if (input.paymentSecret) words.push(...taggedField(TAG.s, bech32.toWords(input.paymentSecret)));
  words.push(...taggedField(TAG.p, bech32.toWords(input.paymentHash)));
  words.push(...taggedField(TAG.d, bech32.toWords(utf8ToBytes(input.description))));
  // 3600 is the reader default, so omitting `x` is equivalent and shorter.
  if (input.expirySeconds !== DEFAULT_EXPIRY) words.push(...taggedField(TAG.x, intToWords(input.expirySeconds)));
  if (input.minFinalCltvExpiry !== undefined) words.push(...taggedField(TAG.c, intToWords(input.minFinalCltvExpiry)));
  // Spec: the `s` field is set if and only if the payment_secret feature bit is set.
  if (input.paymentSecret) words.push(...taggedField(TAG.features, featureWords([8, 14])));

  let sig: Uint8Array;
  try {
    // noble's "recovered" format is [recid, r, s]; BOLT11 wants r || s || recid. RFC6979 keeps it deterministic.
    const rec = secp256k1.sign(signingHash(hrp, words), input.privateKey, { prehash: false, format: "recovered" });
    sig = concatBytes(rec.subarray(1), rec.subarray(0, 1));
  } catch (e) {
    throw new Bolt11Error("input", `Cannot sign invoice: ${(e as Error).message}`);
  }
  return bech32.encode(hrp, [...words, ...bech32.toWords(sig)], false);
}

export function decodeBolt11(invoice: string): DecodedBolt11 {
  if (typeof invoice !== "string") throw new Bolt11Error("input", "Invoice must be a string.");
  const raw = invoice.trim().replace(/^lightning:/i, "");
  // No bech32 length limit for invoices (spec), but cap it: the largest QR code holds ~7k characters.
  if (raw.length > 8000) throw new Bolt11Error("bech32", "Invoice is too long.");
  // BIP173: all-upper (QR codes) or all-lower is fine, mixed case is not.
  if (raw !== raw.toLowerCase() && raw !== raw.toUpperCase()) throw new Bolt11Error("bech32", "Invoice mixes upper and lower case.");
  let decoded: { prefix: string; words: number[] };
  try {
    decoded = bech32.decode(raw.toLowerCase(), false);
  } catch (e) {
    throw new Bolt11Error("bech32", `Invoice is not valid bech32 (bad character or checksum): ${(e as Error).message}`);
  }
  const { network, amountMsat } = parseHrp(decoded.prefix);
  const { words } = decoded;
  if (words.length < TIMESTAMP_WORDS + SIGNATURE_WORDS) throw new Bolt11Error("field", "Invoice is too short.");

  const data = words.slice(0, words.length - SIGNATURE_WORDS);
  const sigBytes = wordsToBytes(words.slice(-SIGNATURE_WORDS), false);
  const timestamp = wordsToInt(data.slice(0, TIMESTAMP_WORDS));

  let paymentHash: string | undefined, paymentSecret: string | undefined, description: string | undefined;
  let descriptionHash: string | undefined, nodeKey: Uint8Array | undefined;
  let expiry: number | undefined, minFinalCltv: number | undefined;
  for (let i = TIMESTAMP_WORDS; i < data.length; ) {
    if (i + 3 > data.length) throw new Bolt11Error("field", "Invoice has a truncated tagged field.");
    const type = data[i] ?? 0;
    const len = ((data[i + 1] ?? 0) << 5) | (data[i + 2] ?? 0);
    const body = data.slice(i + 3, i + 3 + len);
    if (body.length !== len) throw new Bolt11Error("field", "Invoice tagged field overruns the data.");
    i += 3 + len;
    // Spec: the first valid field wins; p/s/h/n with a wrong data_length are skipped, unknown tags ignored.
    if (type === TAG.p && len === 52) paymentHash ??= bytesToHex(wordsToBytes(body, false));
    else if (type === TAG.s && len === 52) paymentSecret ??= bytesToHex(wordsToBytes(body, false));
    else if (type === TAG.h && len === 52) descriptionHash ??= bytesToHex(wordsToBytes(body, false));
    else if (type === TAG.n && len === 53) nodeKey ??= wordsToBytes(body, false);
    else if (type === TAG.x) expiry ??= wordsToInt(body);
    else if (type === TAG.c) minFinalCltv ??= wordsToInt(body);
    else if (type === TAG.d && description === undefined) {
      try {
        description = new TextDecoder("utf-8", { fatal: true }).decode(wordsToBytes(body, false));
      } catch {
        throw new Bolt11Error("field", "Invoice description is not valid UTF-8.");
      }
    }
  }
  if (!paymentHash) throw new Bolt11Error("payment_hash", "Invoice has no payment hash.");
  const expirySeconds = expiry ?? DEFAULT_EXPIRY;
  const minFinalCltvExpiry = minFinalCltv ?? DEFAULT_MIN_FINAL_CLTV;

  const recovery = sigBytes[64] ?? 255;
  const hash = signingHash(decoded.prefix, data);
  let payee: Uint8Array;
  try {
    if (recovery > 3) throw new Error("recovery id must be 0..3");
    const compact = sigBytes.subarray(0, 64);
    if (nodeKey) {
      // Spec: with an explicit `n` field, verify against it instead of recovering. High-S is not rejected here,
      // matching the recovery path below (which cannot tell either).
      if (!secp256k1.verify(compact, hash, nodeKey, { prehash: false, lowS: false })) throw new Error("does not match n field");
      payee = nodeKey;
    } else {
      const sig = secp256k1.Signature.fromBytes(compact, "compact").addRecoveryBit(recovery);
      payee = sig.recoverPublicKey(hash).toBytes(true);
    }
  } catch (e) {
    throw new Bolt11Error("signature", `Invoice signature is invalid: ${(e as Error).message}`);
  }
  return {
    network, amountMsat, amountBtc: amountMsat === null ? null : msatToBtc(amountMsat),
    timestamp, expirySeconds, expiresAt: timestamp + expirySeconds, minFinalCltvExpiry,
    paymentHash,
    ...(paymentSecret !== undefined && { paymentSecret }),
    ...(description !== undefined && { description }),
    ...(descriptionHash !== undefined && { descriptionHash }),
    payeeNodeKey: bytesToHex(payee),
  };
}

