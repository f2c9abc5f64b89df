/**
 * BOLT11 Lightning invoice encoding for the sandbox (it stands in for Bitfinex's Lightning node and
 * must hand out real, signed invoices that wallets' decoders accept), written from the spec
 * (https://github.com/lightning/bolts/blob/master/11-payment-encoding.md). No maintained package
 * encodes and signs with today's noble curves without pulling in native secp256k1; the app itself
 * only reads invoices, with a maintained decoder (lib/lightning/bolt11.ts). Never used outside the sandbox.
 *
 * Layout: bech32( hrp = "ln" + network + amount?, data = timestamp(35 bits) + tagged fields + signature(520 bits) ).
 * Amounts are handled as bigint millisatoshis and decimal strings only: never JS floats.
 */
import { bech32 } from "@scure/base";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { concatBytes, utf8ToBytes } from "@noble/hashes/utils.js";

import type { Bolt11Network } from "../../lightning/bolt11";

/** A request the encoder cannot turn into an invoice (a sandbox or test bug, never a customer's input). */
export class Bolt11EncodeError extends Error {
  readonly code: "input" | "amount";
  constructor(code: "input" | "amount", message: string) {
    super(message);
    this.name = "Bolt11EncodeError";
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

// Tag -> 5-bit type value (spec "Tagged Fields").
const TAG = { p: 1, s: 16, d: 13, n: 19, h: 23, x: 6, c: 24, features: 5 } as const;
// Longest first so "bcrt" is not mistaken for "bc" followed by garbage.
const NETWORKS: readonly Bolt11Network[] = ["bcrt", "bc", "tb"];
// Millisatoshis per unit of each multiplier ("" = whole BTC). 1 BTC = 1e11 msat; "p" is handled as /10.
const MSAT_PER_UNIT: ReadonlyArray<readonly [string, bigint]> = [
  ["", 100_000_000_000n],
  ["m", 100_000_000n],
  ["u", 100_000n],
  ["n", 100n],
];
const DEFAULT_EXPIRY = 3600;
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

function taggedField(type: number, data: number[]): number[] {
  if (data.length > MAX_FIELD_WORDS)
    throw new Bolt11EncodeError("input", "Invoice field is too long (use a shorter description).");
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
  if (!m) throw new Bolt11EncodeError("amount", `Amount "${amountBtc}" is not a plain decimal BTC string.`);
  const frac = (m[2] ?? "").replace(/0+$/, "");
  if (frac.length > 11) throw new Bolt11EncodeError("amount", `Amount "${amountBtc}" is finer than one millisatoshi.`);
  const msat = BigInt((m[1] ?? "0") + frac.padEnd(11, "0"));
  if (msat <= 0n) throw new Bolt11EncodeError("amount", "Amount must be greater than zero.");
  return msat;
}

/** Shortest hrp amount: the largest multiplier that divides exactly; pico (x10) always fits and always ends in 0. */
function encodeAmount(msat: bigint): string {
  for (const [suffix, unit] of MSAT_PER_UNIT) if (msat % unit === 0n) return `${msat / unit}${suffix}`;
  return `${msat * 10n}p`;
}

/** The signed message: hrp as UTF-8 bytes + data words (sans signature) zero-padded to a byte boundary. */
function signingHash(hrp: string, dataWords: readonly number[]): Uint8Array {
  return sha256(concatBytes(utf8ToBytes(hrp), wordsToBytes(dataWords, true)));
}

function assertLength(bytes: Uint8Array | undefined, what: string): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== 32)
    throw new Bolt11EncodeError("input", `${what} must be 32 bytes.`);
}

function assertInt(value: number, what: string, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw new Bolt11EncodeError("input", `${what} must be an integer in [${min}, ${max}].`);
}

export function encodeBolt11(input: EncodeBolt11Input): string {
  if (!NETWORKS.includes(input.network))
    throw new Bolt11EncodeError("input", `Unsupported network "${input.network}".`);
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
    throw new Bolt11EncodeError("input", `Cannot sign invoice: ${(e as Error).message}`);
  }
  return bech32.encode(hrp, [...words, ...bech32.toWords(sig)], false);
}
