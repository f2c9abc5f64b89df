/**
 * The sandbox's BOLT11 encoder: it reproduces the spec's vectors byte for byte, its invoices read
 * back through the app's own reader (lib/lightning/bolt11.ts, a maintained decoder) with exact
 * amounts, and their signatures recover the signer's key, so any wallet accepts them.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { bech32 } from "@scure/base";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import { decodeBolt11 } from "../../lightning/bolt11";
import { Bolt11EncodeError, encodeBolt11, type EncodeBolt11Input } from "./bolt11-encoder";

// Vectors from BOLT #11 "Examples" (signed with SPEC_PRIV).
const SPEC_PRIV = hexToBytes("e126f68f7eafcc8b74f54d269fe206be715000f94dac067d1c04a8ca3b2db734");
const SPEC_PAYEE = "03e7156ae33b0a208d0744199163177e909e80176e55d97a2f221ede0f934dd9ad";
const SPEC_HASH = "0001020304050607080900010203040506070809000102030405060708090102";
const SPEC_SECRET = "11".repeat(32);
const SPEC_TS = 1496314658;
const DONATION =
  "lnbc1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpl2pkx2ctnv5sxxmmwwd5kgetjypeh2ursdae8g6twvus8g6rfwvs8qun0dfjkxaq9qrsgq357wnc5r2ueh7ck6q93dj32dlqnls087fxdwk8qakdyafkq3yap9us6v52vjjsrvywa6rt52cm9r9zqt8r2t7mlcwspyetp5h2tztugp9lfyql";
const COFFEE =
  "lnbc2500u1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpu9qrsgquk0rl77nj30yxdy8j9vdx85fkpmdla2087ne0xh8nhedh8w27kyke0lp53ut353s06fv3qfegext0eh0ymjpf39tuven09sam30g4vgpfna3rh";

const PRIV = sha256(utf8ToBytes("bolt11 test key"));
const PUB = bytesToHex(secp256k1.getPublicKey(PRIV, true));
const HASH = sha256(utf8ToBytes("preimage"));
const SECRET = sha256(utf8ToBytes("secret"));

function base(over: Partial<EncodeBolt11Input> = {}): EncodeBolt11Input {
  return {
    network: "bc",
    paymentHash: HASH,
    paymentSecret: SECRET,
    timestamp: 1_700_000_000,
    expirySeconds: 900,
    description: "Order #42",
    privateKey: PRIV,
    ...over,
  };
}

/** The payee's key, recovered from the signature as a wallet does (spec: hrp bytes + data words padded to bytes). */
function recoverPayee(invoice: string): string {
  const { prefix, words } = bech32.decode(invoice as `${string}1${string}`, false);
  const data = words.slice(0, -104);
  const sig = Uint8Array.from(bech32.fromWords(words.slice(-104)));
  const bits = data.map((w) => w.toString(2).padStart(5, "0")).join("");
  const bytes = Uint8Array.from(bits.padEnd(Math.ceil(bits.length / 8) * 8, "0").match(/.{8}/g) ?? [], (b) =>
    parseInt(b, 2),
  );
  const hash = sha256(concatBytes(utf8ToBytes(prefix), bytes));
  const signature = secp256k1.Signature.fromBytes(sig.subarray(0, 64), "compact").addRecoveryBit(sig[64]!);
  return bytesToHex(signature.recoverPublicKey(hash).toBytes(true));
}

function expectEncodeError(fn: () => unknown, code: Bolt11EncodeError["code"]): void {
  assert.throws(fn, (e: unknown) => e instanceof Bolt11EncodeError && e.code === code && e.message.length > 0);
}

describe("sandbox BOLT11 encoder", () => {
  it("reproduces the spec vectors byte for byte (deterministic RFC 6979 signature)", () => {
    const common = {
      network: "bc" as const,
      paymentHash: hexToBytes(SPEC_HASH),
      paymentSecret: hexToBytes(SPEC_SECRET),
      timestamp: SPEC_TS,
      privateKey: SPEC_PRIV,
    };
    assert.equal(
      encodeBolt11({ ...common, expirySeconds: 3600, description: "Please consider supporting this project" }),
      DONATION,
    );
    assert.equal(
      encodeBolt11({ ...common, amountBtc: "0.0025", expirySeconds: 60, description: "1 cup coffee" }),
      COFFEE,
    );
    assert.equal(recoverPayee(COFFEE), SPEC_PAYEE);
  });

  it("reads back through the app's reader, signed by the sandbox's node key", () => {
    const inv = encodeBolt11(base({ amountBtc: "0.0001", minFinalCltvExpiry: 144 }));
    assert.ok(inv.startsWith("lnbc100u1"), inv);
    assert.equal(inv, inv.toLowerCase());
    assert.deepEqual(decodeBolt11(inv), {
      network: "bc",
      amountBtc: "0.0001",
      timestamp: 1_700_000_000,
      expirySeconds: 900,
      expiresAt: 1_700_000_900,
      paymentHash: bytesToHex(HASH),
      description: "Order #42",
    });
    assert.equal(recoverPayee(inv), PUB);
  });

  it("uses the shortest exact multiplier; amounts read back as the same exact decimals", () => {
    const cases: Array<[string, string, string]> = [
      ["0.000001", "lnbc1u", "0.000001"],
      ["0.02", "lnbc20m", "0.02"],
      ["0.00012345", "lnbc123450n", "0.00012345"],
      ["1", "lnbc1", "1"],
      ["1.5", "lnbc1500m", "1.5"],
      ["0.020", "lnbc20m", "0.02"],
      ["0.00000000001", "lnbc10p", "0.00000000001"],
      ["0.00000000123", "lnbc1230p", "0.00000000123"],
      ["0.00000001", "lnbc10n", "0.00000001"],
    ];
    for (const [amountBtc, hrpStart, back] of cases) {
      const inv = encodeBolt11(base({ amountBtc }));
      assert.ok(inv.startsWith(`${hrpStart}1`), `${amountBtc} -> ${inv.slice(0, 30)}`);
      assert.equal(decodeBolt11(inv).amountBtc, back);
    }
  });

  it("testnet and regtest prefixes (the sandbox uses regtest)", () => {
    const tb = encodeBolt11(base({ network: "tb", amountBtc: "0.5" }));
    assert.ok(tb.startsWith("lntb500m1"));
    assert.equal(decodeBolt11(tb).network, "tb");
    const rt = encodeBolt11(base({ network: "bcrt", amountBtc: "0.001" }));
    assert.ok(rt.startsWith("lnbcrt1m1"));
    assert.equal(decodeBolt11(rt).network, "bcrt");
    assert.equal(decodeBolt11(encodeBolt11(base({ network: "bcrt" }))).amountBtc, null);
  });

  it("omits x for the default 3600 s expiry, which still reads back as 3600 s", () => {
    const d = decodeBolt11(encodeBolt11(base({ expirySeconds: 3600, paymentSecret: undefined })));
    assert.equal(d.expirySeconds, 3600);
    assert.equal(d.expiresAt, 1_700_003_600);
    assert.equal(decodeBolt11(encodeBolt11(base({ expirySeconds: 86_400 * 7 }))).expirySeconds, 604_800);
  });

  it("UTF-8 and empty descriptions; upper case with a lightning: prefix reads the same", () => {
    const inv = encodeBolt11(base({ description: "ナンセンス 1杯 ☕" }));
    assert.equal(decodeBolt11(inv).description, "ナンセンス 1杯 ☕");
    assert.equal(decodeBolt11(`LIGHTNING:${inv.toUpperCase()}`).paymentHash, bytesToHex(HASH));
    assert.equal(decodeBolt11(encodeBolt11(base({ description: "" }))).description, "");
    assert.equal(encodeBolt11(base()), encodeBolt11(base()));
  });

  it("refuses what cannot be an invoice", () => {
    expectEncodeError(() => encodeBolt11(base({ paymentHash: new Uint8Array(31) })), "input");
    expectEncodeError(() => encodeBolt11(base({ paymentSecret: new Uint8Array(33) })), "input");
    expectEncodeError(() => encodeBolt11(base({ privateKey: new Uint8Array(32) })), "input");
    expectEncodeError(() => encodeBolt11(base({ timestamp: 1.5 })), "input");
    expectEncodeError(() => encodeBolt11(base({ expirySeconds: 0 })), "input");
    expectEncodeError(() => encodeBolt11(base({ description: "x".repeat(640) })), "input");
    assert.equal(decodeBolt11(encodeBolt11(base({ description: "x".repeat(639) }))).description?.length, 639);
    for (const amountBtc of ["0", "-1", "1e-4", "abc", "0.000000000001", "1.", ".5", " ", " 1", "+1", "0x10"]) {
      expectEncodeError(() => encodeBolt11(base({ amountBtc })), "amount");
    }
  });
});
