import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { bech32 } from "@scure/base";
import { sha256 } from "@noble/hashes/sha2.js";
import { utf8ToBytes } from "@noble/hashes/utils.js";
import {
  CHAIN_FORMATS,
  crc16Xmodem,
  isValidAddress,
  makeAddress,
  toChecksumEthAddress,
  type ChainFormat,
} from "./addresses";

const seed = (s: string) => sha256(utf8ToBytes(s));

const BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const HEX = "0123456789abcdef";
const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const ALPHABET: Record<ChainFormat, string> = {
  btc: BECH32,
  ltc: BECH32,
  liquid: BECH32,
  eth: HEX,
  tron: BASE58,
  doge: BASE58,
  ton: B64URL,
};

/** Replace the character at `i` with the next one in the format's alphabet (keeping hex case style). */
function mutate(format: ChainFormat, address: string, i: number): string {
  const c = address[i] ?? "";
  const alpha = ALPHABET[format];
  const lookup = format === "eth" ? c.toLowerCase() : c;
  const idx = alpha.indexOf(lookup);
  let next = alpha[(idx + 1) % alpha.length] ?? "";
  if (idx < 0) next = c === "x" ? "X" : "q"; // separators / prefixes: any different char
  if (format === "eth" && c !== c.toLowerCase()) next = next.toUpperCase();
  return address.slice(0, i) + next + address.slice(i + 1);
}

const SHAPE: Record<ChainFormat, { main: RegExp; test: RegExp }> = {
  btc: { main: /^bc1q[02-9ac-hj-np-z]{38}$/, test: /^bcrt1q[02-9ac-hj-np-z]{38}$/ },
  ltc: { main: /^ltc1q[02-9ac-hj-np-z]{38}$/, test: /^rltc1q[02-9ac-hj-np-z]{38}$/ },
  liquid: { main: /^ex1q[02-9ac-hj-np-z]{38}$/, test: /^ert1q[02-9ac-hj-np-z]{38}$/ },
  eth: { main: /^0x[0-9a-fA-F]{40}$/, test: /^0x[0-9a-fA-F]{40}$/ },
  tron: { main: /^T[1-9A-HJ-NP-Za-km-z]{33}$/, test: /^T[1-9A-HJ-NP-Za-km-z]{33}$/ },
  doge: { main: /^D[1-9A-HJ-NP-Za-km-z]{33}$/, test: /^n[1-9A-HJ-NP-Za-km-z]{33}$/ },
  ton: { main: /^EQ[A-Za-z0-9_-]{46}$/, test: /^kQ[A-Za-z0-9_-]{46}$/ },
};

describe("addresses: generated addresses", () => {
  for (const format of CHAIN_FORMATS) {
    it(`${format}: well-formed, validates, and respects the network`, () => {
      for (let n = 0; n < 25; n++) {
        const main = makeAddress(format, seed(`deposit-${n}`));
        const test = makeAddress(format, seed(`deposit-${n}`), { testnet: true });
        assert.match(main, SHAPE[format].main);
        assert.match(test, SHAPE[format].test);
        assert.ok(isValidAddress(format, main), main);
        assert.ok(isValidAddress(format, test), test);
        assert.ok(isValidAddress(format, main, { testnet: false }), main);
        assert.ok(isValidAddress(format, test, { testnet: true }), test);
        // Chains that encode the network must not accept the other network when narrowed.
        if (format !== "eth" && format !== "tron") {
          assert.ok(!isValidAddress(format, main, { testnet: true }), main);
          assert.ok(!isValidAddress(format, test, { testnet: false }), test);
        }
      }
    });

    it(`${format}: any single changed character is rejected`, () => {
      for (const s of ["a", "b", "c"]) {
        const addr = makeAddress(format, seed(s));
        for (let i = 0; i < addr.length; i++) {
          const bad = mutate(format, addr, i);
          assert.notEqual(bad, addr);
          assert.ok(!isValidAddress(format, bad), `${format} accepted ${bad} (pos ${i} of ${addr})`);
        }
      }
    });

    it(`${format}: deterministic per seed, distinct across seeds`, () => {
      assert.equal(makeAddress(format, seed("same")), makeAddress(format, seed("same")));
      assert.equal(makeAddress(format, Uint8Array.of(1, 2, 3)), makeAddress(format, Uint8Array.of(1, 2, 3)));
      const seen = new Set(Array.from({ length: 50 }, (_, n) => makeAddress(format, seed(`s${n}`))));
      assert.equal(seen.size, 50);
      assert.notEqual(makeAddress(format, Uint8Array.of(0)), makeAddress(format, Uint8Array.of(1)));
    });
  }

  it("derives unrelated payloads per chain from the same seed (domain separation)", () => {
    const s = seed("shared");
    const program = (a: string) =>
      bech32
        .decode(a as `${string}1${string}`)
        .words.slice(1)
        .join(",");
    assert.notEqual(program(makeAddress("btc", s)), program(makeAddress("ltc", s)));
    assert.notEqual(program(makeAddress("btc", s)), program(makeAddress("liquid", s)));
  });

  it("rejects non-Uint8Array seeds", () => {
    assert.throws(() => makeAddress("btc", "seed" as unknown as Uint8Array), TypeError);
  });
});

describe("addresses: real-world vectors", () => {
  it("EIP-55 examples validate; case errors are caught; unchecksummed forms accepted", () => {
    const vectors = [
      "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
      "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
      "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
      "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ];
    for (const v of vectors) {
      assert.ok(isValidAddress("eth", v), v);
      assert.equal(toChecksumEthAddress(v.toLowerCase()), v);
      assert.ok(isValidAddress("eth", v.toLowerCase()));
      assert.ok(isValidAddress("eth", `0x${v.slice(2).toUpperCase()}`));
      // Flip the case of the first letter: checksum must fail.
      const i = v.slice(2).search(/[a-fA-F]/) + 2;
      const ch = v[i] ?? "";
      const flipped = v.slice(0, i) + (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase()) + v.slice(i + 1);
      assert.ok(!isValidAddress("eth", flipped), flipped);
    }
    for (const bad of [
      "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
      "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe",
      "0X5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED",
      "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg",
    ]) {
      assert.ok(!isValidAddress("eth", bad), bad);
    }
  });

  it("BIP173/BIP350 segwit vectors", () => {
    const p2wpkh = "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4";
    assert.ok(isValidAddress("btc", p2wpkh));
    assert.ok(isValidAddress("btc", p2wpkh.toLowerCase()));
    assert.ok(!isValidAddress("btc", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kV8F3T4"), "mixed case");
    assert.ok(!isValidAddress("btc", p2wpkh, { testnet: true }));
    assert.ok(!isValidAddress("ltc", p2wpkh), "wrong hrp for litecoin");
    assert.ok(isValidAddress("btc", "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3"), "P2WSH");
    assert.ok(
      isValidAddress("btc", "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7", { testnet: true }),
      "testnet P2WSH",
    );
    assert.ok(
      isValidAddress("btc", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"),
      "taproot (bech32m)",
    );
    // Old BIP173 v1 example: a valid bech32 string, but BIP350 requires bech32m for v1+.
    const v1bech32 = "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx";
    assert.ok(bech32.decodeUnsafe(v1bech32), "checksum itself is fine");
    assert.ok(!isValidAddress("btc", v1bech32));
    // v0 with a 21-byte program is not P2WPKH/P2WSH.
    assert.ok(!isValidAddress("btc", bech32.encode("bc", [0, ...bech32.toWords(new Uint8Array(21))])));
    assert.ok(!isValidAddress("btc", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"), "legacy base58 is out of scope");
  });

  it("Litecoin, Tron, Dogecoin and TON vectors", () => {
    assert.ok(isValidAddress("ltc", "ltc1qg42tkwuuxefutzxezdkdel39gfstuap288mfea"));
    const usdtTrc20 = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";
    assert.ok(isValidAddress("tron", usdtTrc20));
    assert.ok(!isValidAddress("doge", usdtTrc20), "wrong version byte");
    const doge = "DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L";
    assert.ok(isValidAddress("doge", doge));
    assert.ok(!isValidAddress("tron", doge));
    assert.ok(!isValidAddress("doge", doge, { testnet: true }));
    for (const ton of [
      "EQCD39VS5jcptHL8vMjEXrzGaRcCVYto7HUn4bpAOg8xqB2N",
      "EQDrjaLahLkMB-hMCmkzOyBuHJ139ZUYmPHu6RRBKnbdLIYI",
    ]) {
      assert.ok(isValidAddress("ton", ton), ton);
      assert.ok(isValidAddress("ton", ton.replace(/-/g, "+").replace(/_/g, "/")), "standard base64 alphabet");
      assert.ok(!isValidAddress("ton", ton, { testnet: true }));
    }
    assert.ok(
      !isValidAddress("ton", "0:83dfd552e63729b472fcbcc8c45ebcc6691702558b68ec7527e1ba403a0f31a8"),
      "raw form not accepted",
    );
  });

  it("CRC16/XMODEM check value", () => {
    assert.equal(crc16Xmodem(utf8ToBytes("123456789")), 0x31c3);
    assert.equal(crc16Xmodem(new Uint8Array()), 0);
  });

  it("never throws on junk input", () => {
    for (const format of CHAIN_FORMATS) {
      for (const junk of ["", " ", "0x", "bc1", "T", "x".repeat(500), "💸", null, undefined, 42]) {
        assert.equal(isValidAddress(format, junk as unknown as string), false, `${format} ${String(junk)}`);
      }
      assert.equal(isValidAddress(format, ` ${makeAddress(format, seed("ws"))}`), false, "no whitespace tolerance");
    }
  });
});
