/**
 * Well-formed deposit addresses per chain (for the sandbox, which must return realistic data) and
 * checksum-level validators the app can run before showing an address to a payer.
 *
 * Sandbox addresses are derived deterministically from a seed: payload = sha256(tag || seed), where the
 * tag names the format, so one seed yields unrelated payloads per chain. Nobody holds keys for these
 * addresses: they are structurally valid but MUST NOT receive real funds.
 */
import { base64url, bech32, bech32m, createBase58check } from "@scure/base";
import { sha256 } from "@noble/hashes/sha2.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, concatBytes, utf8ToBytes } from "@noble/hashes/utils.js";

export type ChainFormat = "btc" | "ltc" | "eth" | "tron" | "ton" | "doge" | "liquid";

export const CHAIN_FORMATS: readonly ChainFormat[] = ["btc", "ltc", "eth", "tron", "ton", "doge", "liquid"];

export interface AddressOptions {
  /** makeAddress: produce the test-network form. isValidAddress: true = only test, false = only main, omitted = either. */
  testnet?: boolean;
}

// Segwit human-readable parts. The first testnet entry is what makeAddress emits (regtest-style, as the
// sandbox uses); the others are accepted by the validator as real test networks (tb = testnet/signet, etc.).
const SEGWIT_HRPS = {
  btc: { main: ["bc"], test: ["bcrt", "tb"] },
  ltc: { main: ["ltc"], test: ["rltc", "tltc"] },
  liquid: { main: ["ex"], test: ["ert", "tex"] }, // unconfidential Liquid/Elements segwit addresses
} as const;

// Base58Check version bytes. Tron has no separate testnet prefix (Shasta/Nile also use 0x41).
const BASE58_VERSIONS = {
  tron: { main: 0x41, test: 0x41 },
  doge: { main: 0x1e, test: 0x71 },
} as const;

// TON user-friendly tag byte: 0x11 bounceable, 0x51 non-bounceable, | 0x80 "testnet only".
const TON_BOUNCEABLE = 0x11;
const TON_NON_BOUNCEABLE = 0x51;
const TON_TESTNET_FLAG = 0x80;

// Base58Check = payload || first 4 bytes of sha256(sha256(payload)); scure implements exactly that.
const base58check = createBase58check(sha256);

/** Deterministic, domain-separated 32-byte payload for a format. */
function payload(format: ChainFormat, seed: Uint8Array): Uint8Array {
  return sha256(concatBytes(utf8ToBytes(`sandbox-deposit-address:${format}:`), seed));
}

/** CRC16/XMODEM (poly 0x1021, init 0, no reflection) as used by TON user-friendly addresses. */
export function crc16Xmodem(data: Uint8Array): number {
  let crc = 0;
  for (const byte of data) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** EIP-55: uppercase hex letter i when nibble i of keccak256(lowercase hex, as ASCII) is >= 8. */
export function toChecksumEthAddress(address: string): string {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) throw new TypeError("Not a 20-byte hex Ethereum address.");
  const lower = address.slice(2).toLowerCase();
  const hash = keccak_256(utf8ToBytes(lower));
  let out = "0x";
  for (let i = 0; i < 40; i++) {
    const nibble = ((hash[i >> 1] ?? 0) >> (i % 2 === 0 ? 4 : 0)) & 0x0f;
    const ch = lower[i] ?? "";
    out += nibble >= 8 ? ch.toUpperCase() : ch;
  }
  return out;
}

function segwitEncode(hrp: string, program: Uint8Array): string {
  // Witness v0 uses bech32 (BIP173); v1+ would need bech32m (BIP350). We only emit v0 P2WPKH-sized programs.
  return bech32.encode(hrp, [0, ...bech32.toWords(program)]);
}

/** BIP173/BIP350 segwit check: checksum of the right variant for the version, and a legal program length. */
function isValidSegwit(address: string, hrps: readonly string[]): boolean {
  if (address !== address.toLowerCase() && address !== address.toUpperCase()) return false; // mixed case
  const lower = address.toLowerCase();
  if (!hrps.includes(lower.slice(0, lower.lastIndexOf("1")))) return false;
  const v0 = bech32.decodeUnsafe(lower);
  const vN = v0 ? undefined : bech32m.decodeUnsafe(lower);
  const decoded = v0 ?? vN;
  if (!decoded) return false;
  const [version, ...rest] = decoded.words;
  if (version === undefined || version > 16) return false;
  // BIP350: v0 must be bech32, v1..16 must be bech32m.
  if ((version === 0) !== Boolean(v0)) return false;
  const program = bech32.fromWordsUnsafe(rest); // rejects non-zero / excess padding
  if (!program || program.length < 2 || program.length > 40) return false;
  return version !== 0 || program.length === 20 || program.length === 32; // P2WPKH or P2WSH
}

function isValidBase58Check(address: string, versions: readonly number[]): boolean {
  let bytes: Uint8Array;
  try {
    bytes = base58check.decode(address);
  } catch {
    return false; // bad alphabet or checksum
  }
  // version byte + 20-byte hash160
  return bytes.length === 21 && versions.includes(bytes[0] ?? -1);
}

function tonEncode(tag: number, hash: Uint8Array): string {
  const body = concatBytes(Uint8Array.of(tag, 0x00 /* workchain 0 */), hash);
  const crc = crc16Xmodem(body);
  return base64url.encode(concatBytes(body, Uint8Array.of(crc >> 8, crc & 0xff)));
}

function isValidTon(address: string, testnet: boolean | undefined): boolean {
  // 36 bytes -> exactly 48 base64 chars, no padding. Wallets accept the url-safe and the standard alphabet.
  if (!/^[A-Za-z0-9_\-+/]{48}$/.test(address)) return false;
  if (/[-_]/.test(address) && /[+/]/.test(address)) return false; // mixed alphabets
  let bytes: Uint8Array;
  try {
    bytes = base64url.decode(address.replace(/\+/g, "-").replace(/\//g, "_"));
  } catch {
    return false;
  }
  if (bytes.length !== 36) return false;
  const tag = bytes[0] ?? 0;
  const isTest = (tag & TON_TESTNET_FLAG) !== 0;
  const baseTag = tag & ~TON_TESTNET_FLAG;
  if (baseTag !== TON_BOUNCEABLE && baseTag !== TON_NON_BOUNCEABLE) return false;
  if (testnet !== undefined && testnet !== isTest) return false;
  if (bytes[1] !== 0x00 && bytes[1] !== 0xff) return false; // basechain 0 or masterchain -1
  const crc = crc16Xmodem(bytes.subarray(0, 34));
  return bytes[34] === crc >> 8 && bytes[35] === (crc & 0xff);
}

function pickHrps(h: { main: readonly string[]; test: readonly string[] }, testnet: boolean | undefined): string[] {
  if (testnet === undefined) return [...h.main, ...h.test];
  return [...(testnet ? h.test : h.main)];
}

/** Deterministic, structurally valid address for `format`, derived from `seed`. */
export function makeAddress(format: ChainFormat, seed: Uint8Array, opts: AddressOptions = {}): string {
  if (!(seed instanceof Uint8Array)) throw new TypeError("seed must be a Uint8Array.");
  const net = opts.testnet ? "test" : "main";
  const p = payload(format, seed);
  switch (format) {
    case "btc":
    case "ltc":
    case "liquid": {
      const hrp = SEGWIT_HRPS[format][net][0];
      return segwitEncode(hrp, p.subarray(0, 20)); // 20-byte program = P2WPKH shape
    }
    case "eth":
      return toChecksumEthAddress(`0x${bytesToHex(p.subarray(0, 20))}`);
    case "tron":
    case "doge":
      return base58check.encode(concatBytes(Uint8Array.of(BASE58_VERSIONS[format][net]), p.subarray(0, 20)));
    case "ton":
      return tonEncode(opts.testnet ? TON_BOUNCEABLE | TON_TESTNET_FLAG : TON_BOUNCEABLE, p);
    default:
      throw new TypeError(`Unknown chain format: ${String(format satisfies never)}`);
  }
}

/**
 * Checksum-level validation (not "does this address exist"). `opts.testnet` narrows to one network;
 * omitted accepts either. Never throws: anything unexpected is simply invalid.
 */
export function isValidAddress(format: ChainFormat, address: string, opts: AddressOptions = {}): boolean {
  if (typeof address !== "string" || address.length === 0 || address.length > 128) return false;
  const { testnet } = opts;
  switch (format) {
    case "btc":
    case "ltc":
    case "liquid":
      return isValidSegwit(address, pickHrps(SEGWIT_HRPS[format], testnet));
    case "eth": {
      if (!/^0x[0-9a-fA-F]{40}$/.test(address)) return false;
      const body = address.slice(2);
      // All-lower / all-upper carry no checksum (pre-EIP-55 form); mixed case must match EIP-55 exactly.
      if (body === body.toLowerCase() || body === body.toUpperCase()) return true;
      return toChecksumEthAddress(address) === address;
    }
    case "tron":
    case "doge": {
      const v = BASE58_VERSIONS[format];
      return isValidBase58Check(address, testnet === undefined ? [v.main, v.test] : [testnet ? v.test : v.main]);
    }
    case "ton":
      return isValidTon(address, testnet);
    default:
      return false;
  }
}
