import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { bech32 } from "@scure/base";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import { Bolt11Error, decodeBolt11, encodeBolt11, type EncodeBolt11Input } from "./bolt11";

// ---- Vectors from BOLT #11 "Examples" (all signed with SPEC_PRIV, timestamp 1496314658) ----
const SPEC_PRIV = hexToBytes("e126f68f7eafcc8b74f54d269fe206be715000f94dac067d1c04a8ca3b2db734");
const SPEC_PAYEE = "03e7156ae33b0a208d0744199163177e909e80176e55d97a2f221ede0f934dd9ad";
const SPEC_HASH = "0001020304050607080900010203040506070809000102030405060708090102";
const SPEC_SECRET = "11".repeat(32);
const SPEC_TS = 1496314658;
const DONATION =
  "lnbc1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpl2pkx2ctnv5sxxmmwwd5kgetjypeh2ursdae8g6twvus8g6rfwvs8qun0dfjkxaq9qrsgq357wnc5r2ueh7ck6q93dj32dlqnls087fxdwk8qakdyafkq3yap9us6v52vjjsrvywa6rt52cm9r9zqt8r2t7mlcwspyetp5h2tztugp9lfyql";
const COFFEE =
  "lnbc2500u1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpu9qrsgquk0rl77nj30yxdy8j9vdx85fkpmdla2087ne0xh8nhedh8w27kyke0lp53ut353s06fv3qfegext0eh0ymjpf39tuven09sam30g4vgpfna3rh";
const LEGACY_DONATION =
  "lnbc1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpl2pkx2ctnv5sxxmmwwd5kgetjypeh2ursdae8g6twvus8g6rfwvs8qun0dfjkxaq8rkx3yf5tcsyz3d73gafnh3cax9rn449d9p5uxz9ezhhypd0elx87sjle52x86fux2ypatgddc6k63n7erqz25le42c4u4ecky03ylcqca784w";
const PICO =
  "lnbc9678785340p1pwmna7lpp5gc3xfm08u9qy06djf8dfflhugl6p7lgza6dsjxq454gxhj9t7a0sd8dgfkx7cmtwd68yetpd5s9xar0wfjn5gpc8qhrsdfq24f5ggrxdaezqsnvda3kkum5wfjkzmfqf3jkgem9wgsyuctwdus9xgrcyqcjcgpzgfskx6eqf9hzqnteypzxz7fzypfhg6trddjhygrcyqezcgpzfysywmm5ypxxjemgw3hxjmn8yptk7untd9hxwg3q2d6xjcmtv4ezq7pqxgsxzmnyyqcjqmt0wfjjq6t5v4khxxqyjw5qcqp2rzjq0gxwkzc8w6323m55m4jyxcjwmy7stt9hwkwe2qxmy8zpsgg7jcuwz87fcqqeuqqqyqqqqlgqqqqn3qq9qn07ytgrxxzad9hc4xt3mawjjt8znfv8xzscs7007v9gh9j569lencxa8xeujzkxs0uamak9aln6ez02uunw6rd2ht2sqe4hz8thcdagpleym0j";
const UPPER_COFFEE_BEANS =
  "LNBC25M1PVJLUEZPP5QQQSYQCYQ5RQWZQFQQQSYQCYQ5RQWZQFQQQSYQCYQ5RQWZQFQYPQDQ5VDHKVEN9V5SXYETPDEESSP5ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYGS9Q5SQQQQQQQQQQQQQQQPQSQ67GYE39HFG3ZD8RGC80K32TVY9XK2XUNWM5LZEXNVPX6FD77EN8QAQ424DXGT56CAG2DPT359K3SSYHETKTKPQH24JQNJYW6UQD08SGPTQ44QU";
// Spec "Examples of Invalid Invoices".
const INVALID = {
  checksum:
    "lnbc2500u1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpquwpc4curk03c9wlrswe78q4eyqc7d8d0xqzpuyk0sg5g70me25alkluzd2x62aysf2pyy8edtjeevuv4p2d5p76r4zkmneet7uvyakky2zr4cusd45tftc9c5fh0nnqpnl2jfll544esqchsrnt",
  noSeparator:
    "pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpquwpc4curk03c9wlrswe78q4eyqc7d8d0xqzpuyk0sg5g70me25alkluzd2x62aysf2pyy8edtjeevuv4p2d5p76r4zkmneet7uvyakky2zr4cusd45tftc9c5fh0nnqpnl2jfll544esqchsrny",
  mixedCase:
    "LNBC2500u1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpquwpc4curk03c9wlrswe78q4eyqc7d8d0xqzpuyk0sg5g70me25alkluzd2x62aysf2pyy8edtjeevuv4p2d5p76r4zkmneet7uvyakky2zr4cusd45tftc9c5fh0nnqpnl2jfll544esqchsrny",
  notRecoverable:
    "lnbc2500u1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpuaxtrnwngzn3kdzw5hydlzf03qdgm2hdq27cqv3agm2awhz5se903vruatfhq77w3ls4evs3ch9zw97j25emudupq63nyw24cg27h2rspk28uwq",
  tooShort: "lnbc1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpl2pkx2ctnv5sxxmmwwd5kgetjypeh2ursdae8g6na6hlh",
  badMultiplier:
    "lnbc2500x1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpujr6jxr9gq9pv6g46y7d20jfkegkg4gljz2ea2a3m9lmvvr95tq2s0kvu70u3axgelz3kyvtp2ywwt0y8hkx2869zq5dll9nelr83zzqqpgl2zg",
  subMsat:
    "lnbc2500000001p1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpu7hqtk93pkf7sw55rdv4k9z2vj050rxdr6za9ekfs3nlt5lr89jqpdmxsmlj9urqumg0h9wzpqecw7th56tdms40p2ny9q4ddvjsedzcplva53s",
};

// ---- Helpers ----
const PRIV = sha256(utf8ToBytes("bolt11 test key"));
const PUB = bytesToHex(secp256k1.getPublicKey(PRIV, true));
const HASH = sha256(utf8ToBytes("preimage"));
const SECRET = sha256(utf8ToBytes("secret"));

function base(over: Partial<EncodeBolt11Input> = {}): EncodeBolt11Input {
  return { network: "bc", paymentHash: HASH, paymentSecret: SECRET, timestamp: 1_700_000_000, expirySeconds: 900, description: "Order #42", privateKey: PRIV, ...over };
}

function expectBolt11Error(fn: () => unknown, code?: Bolt11Error["code"]): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof Bolt11Error, `expected Bolt11Error, got ${String(e)}`);
    assert.ok(e.message.length > 0);
    if (code) assert.equal(e.code, code, e.message);
    return true;
  });
}

/** Independent re-implementation of the spec's signing rule, to forge invoices with arbitrary fields. */
function signRaw(hrp: string, words: number[], priv: Uint8Array, mutateSig?: (s: Uint8Array) => void): string {
  const bits = words.map((w) => w.toString(2).padStart(5, "0")).join("");
  const padded = bits.padEnd(Math.ceil(bits.length / 8) * 8, "0");
  const bytes = Uint8Array.from(padded.match(/.{8}/g) ?? [], (b) => parseInt(b, 2));
  const rec = secp256k1.sign(sha256(concatBytes(utf8ToBytes(hrp), bytes)), priv, { prehash: false, format: "recovered" });
  const sig = concatBytes(rec.subarray(1), rec.subarray(0, 1));
  mutateSig?.(sig);
  return bech32.encode(hrp, [...words, ...bech32.toWords(sig)], false);
}
const field = (type: number, data: number[]) => [type, data.length >> 5, data.length & 31, ...data];
const TS_WORDS = [1, 17, 16, 6, 0, 0, 0]; // any 7 words

describe("bolt11: published BOLT #11 vectors", () => {
  it("decodes the modern donation vector and recovers the payee", () => {
    const d = decodeBolt11(DONATION);
    assert.equal(d.network, "bc");
    assert.equal(d.amountMsat, null);
    assert.equal(d.amountBtc, null);
    assert.equal(d.timestamp, SPEC_TS);
    assert.equal(d.expirySeconds, 3600);
    assert.equal(d.expiresAt, SPEC_TS + 3600);
    assert.equal(d.minFinalCltvExpiry, 18);
    assert.equal(d.paymentHash, SPEC_HASH);
    assert.equal(d.paymentSecret, SPEC_SECRET);
    assert.equal(d.description, "Please consider supporting this project");
    assert.equal(d.payeeNodeKey, SPEC_PAYEE);
    assert.equal(bytesToHex(secp256k1.getPublicKey(SPEC_PRIV, true)), SPEC_PAYEE);
  });

  it("decodes the 2500u coffee vector with exact amount and 60s expiry", () => {
    const d = decodeBolt11(COFFEE);
    assert.equal(d.amountMsat, 250_000_000n);
    assert.equal(d.amountBtc, "0.0025");
    assert.equal(d.expirySeconds, 60);
    assert.equal(d.expiresAt, SPEC_TS + 60);
    assert.equal(d.description, "1 cup coffee");
    assert.equal(d.payeeNodeKey, SPEC_PAYEE);
  });

  it("decodes the legacy (no s field) vector and the pico-BTC vector", () => {
    const legacy = decodeBolt11(LEGACY_DONATION);
    assert.equal(legacy.paymentSecret, undefined);
    assert.equal(legacy.payeeNodeKey, SPEC_PAYEE);
    const pico = decodeBolt11(PICO);
    assert.equal(pico.amountMsat, 967_878_534n);
    assert.equal(pico.amountBtc, "0.00967878534");
    assert.equal(pico.timestamp, 1572468703);
    assert.equal(pico.expirySeconds, 604800);
    assert.equal(pico.minFinalCltvExpiry, 10);
    assert.equal(pico.paymentHash, "462264ede7e14047e9b249da94fefc47f41f7d02ee9b091815a5506bc8abf75f");
    assert.equal(pico.payeeNodeKey, SPEC_PAYEE);
  });

  it("encoder reproduces the spec vectors byte for byte (deterministic RFC6979 signature)", () => {
    const common = { network: "bc" as const, paymentHash: hexToBytes(SPEC_HASH), paymentSecret: hexToBytes(SPEC_SECRET), timestamp: SPEC_TS, privateKey: SPEC_PRIV };
    assert.equal(encodeBolt11({ ...common, expirySeconds: 3600, description: "Please consider supporting this project" }), DONATION);
    assert.equal(encodeBolt11({ ...common, amountBtc: "0.0025", expirySeconds: 60, description: "1 cup coffee" }), COFFEE);
  });

  it("accepts the all-upper-case vector, with or without a lightning: prefix", () => {
    for (const s of [UPPER_COFFEE_BEANS, `lightning:${UPPER_COFFEE_BEANS}`, `LIGHTNING:${UPPER_COFFEE_BEANS}`]) {
      const d = decodeBolt11(s);
      assert.equal(d.amountBtc, "0.025");
      assert.equal(d.description, "coffee beans");
      assert.equal(d.payeeNodeKey, SPEC_PAYEE);
    }
    assert.equal(decodeBolt11(`Lightning:${DONATION}`).paymentHash, SPEC_HASH);
  });

  it("rejects every published invalid invoice with a Bolt11Error", () => {
    expectBolt11Error(() => decodeBolt11(INVALID.checksum), "bech32");
    expectBolt11Error(() => decodeBolt11(INVALID.noSeparator), "bech32");
    expectBolt11Error(() => decodeBolt11(INVALID.mixedCase), "bech32");
    expectBolt11Error(() => decodeBolt11(INVALID.notRecoverable), "signature");
    expectBolt11Error(() => decodeBolt11(INVALID.tooShort));
    expectBolt11Error(() => decodeBolt11(INVALID.badMultiplier), "amount");
    expectBolt11Error(() => decodeBolt11(INVALID.subMsat), "amount");
  });
});

describe("bolt11: encode/decode round trip", () => {
  it("round-trips every field and recovers the signer's public key", () => {
    const inv = encodeBolt11(base({ amountBtc: "0.0001", minFinalCltvExpiry: 144 }));
    assert.ok(inv.startsWith("lnbc100u1"), inv);
    assert.equal(inv, inv.toLowerCase());
    const d = decodeBolt11(inv);
    assert.deepEqual(d, {
      network: "bc", amountMsat: 10_000_000n, amountBtc: "0.0001", timestamp: 1_700_000_000, expirySeconds: 900,
      expiresAt: 1_700_000_900, minFinalCltvExpiry: 144, paymentHash: bytesToHex(HASH), paymentSecret: bytesToHex(SECRET),
      description: "Order #42", payeeNodeKey: PUB,
    });
  });

  it("uses the shortest exact multiplier and round-trips amounts as exact strings", () => {
    const cases: Array<[string, string, bigint, string]> = [
      ["0.000001", "lnbc1u", 100_000n, "0.000001"],
      ["0.02", "lnbc20m", 2_000_000_000n, "0.02"],
      ["0.00012345", "lnbc123450n", 12_345_000n, "0.00012345"],
      ["1", "lnbc1", 100_000_000_000n, "1"],
      ["1.5", "lnbc1500m", 150_000_000_000n, "1.5"],
      ["0.020", "lnbc20m", 2_000_000_000n, "0.02"],
      ["0.00000000001", "lnbc10p", 1n, "0.00000000001"],
      ["0.00000000123", "lnbc1230p", 123n, "0.00000000123"],
      ["0.00000001", "lnbc10n", 1000n, "0.00000001"],
      ["20999999.99999999999", "lnbc" + "2099999999999999999" + "0p", 2_099_999_999_999_999_999n, "20999999.99999999999"],
    ];
    for (const [amountBtc, hrpStart, msat, back] of cases) {
      const inv = encodeBolt11(base({ amountBtc }));
      assert.ok(inv.startsWith(`${hrpStart}1`), `${amountBtc} -> ${inv.slice(0, 30)}`);
      const d = decodeBolt11(inv);
      assert.equal(d.amountMsat, msat);
      assert.equal(typeof d.amountMsat, "bigint");
      assert.equal(d.amountBtc, back);
    }
  });

  it("supports testnet and regtest prefixes", () => {
    const tb = encodeBolt11(base({ network: "tb", amountBtc: "0.5" }));
    assert.ok(tb.startsWith("lntb500m1"));
    assert.equal(decodeBolt11(tb).network, "tb");
    const rt = encodeBolt11(base({ network: "bcrt", amountBtc: "0.001" }));
    assert.ok(rt.startsWith("lnbcrt1m1"));
    assert.equal(decodeBolt11(rt).network, "bcrt");
    assert.equal(decodeBolt11(encodeBolt11(base({ network: "bcrt" }))).amountMsat, null);
  });

  it("omits x for the default 3600s expiry yet decodes it back; no s field when no secret", () => {
    const d = decodeBolt11(encodeBolt11(base({ expirySeconds: 3600, paymentSecret: undefined })));
    assert.equal(d.expirySeconds, 3600);
    assert.equal(d.expiresAt, 1_700_003_600);
    assert.equal(d.paymentSecret, undefined);
    assert.equal(decodeBolt11(encodeBolt11(base({ expirySeconds: 86_400 * 7 }))).expirySeconds, 604_800);
  });

  it("round-trips UTF-8 and empty descriptions; accepts upper-case + prefix of own invoices", () => {
    const inv = encodeBolt11(base({ description: "ナンセンス 1杯 ☕" }));
    assert.equal(decodeBolt11(inv).description, "ナンセンス 1杯 ☕");
    assert.equal(decodeBolt11(`LIGHTNING:${inv.toUpperCase()}`).payeeNodeKey, PUB);
    assert.equal(decodeBolt11(encodeBolt11(base({ description: "" }))).description, "");
  });

  it("is deterministic for identical input", () => {
    assert.equal(encodeBolt11(base()), encodeBolt11(base()));
  });
});

describe("bolt11: rejection", () => {
  it("rejects a single tampered character anywhere (checksum)", () => {
    const inv = encodeBolt11(base({ amountBtc: "0.02" }));
    for (const pos of [2, 5, 12, 40, Math.floor(inv.length / 2), inv.length - 10, inv.length - 1]) {
      const c = inv[pos] === "q" ? "p" : "q";
      expectBolt11Error(() => decodeBolt11(inv.slice(0, pos) + c + inv.slice(pos + 1)));
    }
  });

  it("rejects garbage, unknown prefixes and malformed amounts", () => {
    expectBolt11Error(() => decodeBolt11(""), "bech32");
    expectBolt11Error(() => decodeBolt11("not-an-invoice"), "bech32");
    expectBolt11Error(() => decodeBolt11(`lnbc1${"q".repeat(9000)}`), "bech32");
    expectBolt11Error(() => decodeBolt11(42 as unknown as string), "input");
    const words = [...TS_WORDS, ...field(1, bech32.toWords(HASH))];
    expectBolt11Error(() => decodeBolt11(signRaw("lnxx", words, PRIV)), "prefix");
    expectBolt11Error(() => decodeBolt11(signRaw("lntbs", words, PRIV)), "prefix");
    expectBolt11Error(() => decodeBolt11(signRaw("bc", words, PRIV)), "prefix");
    expectBolt11Error(() => decodeBolt11(signRaw("lnbc025m", words, PRIV)), "amount");
    expectBolt11Error(() => decodeBolt11(signRaw("lnbc0", words, PRIV)), "amount");
    expectBolt11Error(() => decodeBolt11(signRaw("lnbc15p", words, PRIV)), "amount");
    expectBolt11Error(() => decodeBolt11(signRaw("lnbc1mm", words, PRIV)), "amount");
    assert.equal(decodeBolt11(signRaw("lnbc150p", words, PRIV)).amountMsat, 15n);
  });

  it("rejects an invoice without a (valid-length) payment hash", () => {
    const desc = field(13, bech32.toWords(utf8ToBytes("no hash")));
    expectBolt11Error(() => decodeBolt11(signRaw("lnbc", [...TS_WORDS, ...desc], PRIV)), "payment_hash");
    // A p field of the wrong length must be skipped (spec), leaving no hash.
    const shortP = field(1, bech32.toWords(HASH).slice(0, 51));
    expectBolt11Error(() => decodeBolt11(signRaw("lnbc", [...TS_WORDS, ...shortP, ...desc], PRIV)), "payment_hash");
  });

  it("rejects malformed signatures and an n field that does not match the signer", () => {
    const words = [...TS_WORDS, ...field(1, bech32.toWords(HASH))];
    expectBolt11Error(() => decodeBolt11(signRaw("lnbc", words, PRIV, (s) => (s[64] = 7))), "signature");
    expectBolt11Error(() => decodeBolt11(signRaw("lnbc", words, PRIV, (s) => s.fill(0, 0, 32))), "signature");
    const otherKey = secp256k1.getPublicKey(sha256(utf8ToBytes("someone else")), true);
    const withN = (key: Uint8Array) => [...words, ...field(19, bech32.toWords(key))];
    expectBolt11Error(() => decodeBolt11(signRaw("lnbc", withN(otherKey), PRIV)), "signature");
    assert.equal(decodeBolt11(signRaw("lnbc", withN(secp256k1.getPublicKey(PRIV, true)), PRIV)).payeeNodeKey, PUB);
  });

  it("a re-checksummed edit of signed data changes the recovered payee (callers must compare it)", () => {
    const inv = encodeBolt11(base());
    const { prefix, words } = bech32.decode(inv as `${string}1${string}`, false);
    words[3] = (words[3] ?? 0) ^ 1; // flip a timestamp bit, then fix the checksum
    const forged = decodeBolt11(bech32.encode(prefix, words, false));
    assert.notEqual(forged.payeeNodeKey, PUB);
  });

  it("validates encoder input", () => {
    expectBolt11Error(() => encodeBolt11(base({ paymentHash: new Uint8Array(31) })), "input");
    expectBolt11Error(() => encodeBolt11(base({ paymentSecret: new Uint8Array(33) })), "input");
    expectBolt11Error(() => encodeBolt11(base({ privateKey: new Uint8Array(32) })), "input");
    expectBolt11Error(() => encodeBolt11(base({ timestamp: 1.5 })), "input");
    expectBolt11Error(() => encodeBolt11(base({ expirySeconds: 0 })), "input");
    expectBolt11Error(() => encodeBolt11(base({ description: "x".repeat(640) })), "input");
    assert.ok(decodeBolt11(encodeBolt11(base({ description: "x".repeat(639) }))).description?.length === 639);
    for (const amountBtc of ["0", "-1", "1e-4", "abc", "0.000000000001", "1.", ".5", " ", " 1", "+1", "0x10"]) {
      expectBolt11Error(() => encodeBolt11(base({ amountBtc })), "amount");
    }
  });
});
