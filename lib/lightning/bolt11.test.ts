/**
 * Reading Lightning invoices (lib/lightning/bolt11.ts over light-bolt11-decoder): the published
 * BOLT #11 vectors give exact amounts, hashes and expiries; the published invalid invoices and
 * garbage are refused with a Bolt11Error. Signatures are not checked by the reader (see its header).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Bolt11Error, decodeBolt11 } from "./bolt11";

// ---- Vectors from BOLT #11 "Examples" (all signed with SPEC_PRIV, timestamp 1496314658) ----
const SPEC_HASH = "0001020304050607080900010203040506070809000102030405060708090102";
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
  tooShort:
    "lnbc1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpl2pkx2ctnv5sxxmmwwd5kgetjypeh2ursdae8g6na6hlh",
  badMultiplier:
    "lnbc2500x1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpujr6jxr9gq9pv6g46y7d20jfkegkg4gljz2ea2a3m9lmvvr95tq2s0kvu70u3axgelz3kyvtp2ywwt0y8hkx2869zq5dll9nelr83zzqqpgl2zg",
  subMsat:
    "lnbc2500000001p1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpu7hqtk93pkf7sw55rdv4k9z2vj050rxdr6za9ekfs3nlt5lr89jqpdmxsmlj9urqumg0h9wzpqecw7th56tdms40p2ny9q4ddvjsedzcplva53s",
};

function expectBolt11Error(fn: () => unknown, code?: Bolt11Error["code"]): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof Bolt11Error, `expected Bolt11Error, got ${String(e)}`);
    assert.ok(e.message.length > 0);
    if (code) assert.equal(e.code, code, e.message);
    return true;
  });
}

describe("reading BOLT11: the published BOLT #11 vectors", () => {
  it("the donation vector: any amount, default expiry, hash and description", () => {
    assert.deepEqual(decodeBolt11(DONATION), {
      network: "bc",
      amountBtc: null,
      timestamp: SPEC_TS,
      expirySeconds: 3600,
      expiresAt: SPEC_TS + 3600,
      paymentHash: SPEC_HASH,
      description: "Please consider supporting this project",
    });
  });

  it("the 2500u coffee vector: an exact amount and a 60 s expiry", () => {
    const d = decodeBolt11(COFFEE);
    assert.equal(d.amountBtc, "0.0025");
    assert.equal(d.expirySeconds, 60);
    assert.equal(d.expiresAt, SPEC_TS + 60);
    assert.equal(d.description, "1 cup coffee");
  });

  it("the legacy vector (no s field) and pico-BTC amounts, exact to the millisatoshi", () => {
    assert.equal(decodeBolt11(LEGACY_DONATION).paymentHash, SPEC_HASH);
    const pico = decodeBolt11(PICO);
    assert.equal(pico.amountBtc, "0.00967878534");
    assert.equal(pico.timestamp, 1572468703);
    assert.equal(pico.expirySeconds, 604800);
    assert.equal(pico.paymentHash, "462264ede7e14047e9b249da94fefc47f41f7d02ee9b091815a5506bc8abf75f");
  });

  it("all upper case (as in QR codes), with or without a lightning: prefix", () => {
    for (const s of [
      UPPER_COFFEE_BEANS,
      `lightning:${UPPER_COFFEE_BEANS}`,
      `LIGHTNING:${UPPER_COFFEE_BEANS}`,
      ` ${UPPER_COFFEE_BEANS}\n`,
    ]) {
      const d = decodeBolt11(s);
      assert.equal(d.amountBtc, "0.025");
      assert.equal(d.description, "coffee beans");
    }
    assert.equal(decodeBolt11(`Lightning:${DONATION}`).paymentHash, SPEC_HASH);
  });
});

describe("reading BOLT11: refusals", () => {
  it("refuses the published invalid invoices: checksum, separator, mixed case, too short, multiplier, below a millisatoshi", () => {
    expectBolt11Error(() => decodeBolt11(INVALID.checksum), "invalid");
    expectBolt11Error(() => decodeBolt11(INVALID.noSeparator), "invalid");
    expectBolt11Error(() => decodeBolt11(INVALID.mixedCase), "input");
    expectBolt11Error(() => decodeBolt11(INVALID.tooShort), "invalid");
    expectBolt11Error(() => decodeBolt11(INVALID.badMultiplier), "invalid");
    expectBolt11Error(() => decodeBolt11(INVALID.subMsat), "invalid");
  });

  it("refuses a single changed character anywhere", () => {
    for (const pos of [2, 5, 12, 40, Math.floor(COFFEE.length / 2), COFFEE.length - 10, COFFEE.length - 1]) {
      const c = COFFEE[pos] === "q" ? "p" : "q";
      expectBolt11Error(() => decodeBolt11(COFFEE.slice(0, pos) + c + COFFEE.slice(pos + 1)));
    }
  });

  it("refuses garbage, an empty string, a non-string and anything longer than a QR code holds", () => {
    expectBolt11Error(() => decodeBolt11(""), "invalid");
    expectBolt11Error(() => decodeBolt11("not-an-invoice"), "invalid");
    expectBolt11Error(() => decodeBolt11("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"), "invalid");
    expectBolt11Error(() => decodeBolt11(`lnbc1${"q".repeat(9000)}`), "input");
    expectBolt11Error(() => decodeBolt11(42 as unknown as string), "input");
  });
});
