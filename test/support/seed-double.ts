/**
 * A Bitfinex double that answers only with what Bitfinex's own documents show: the PHP SDK's
 * fixtures and the Submit Invoice page's webhook example (test/fixtures/bitfinex), changed only
 * where a scenario says so (status, the payment). Not our sandbox, and sharing no code with it
 * or with the client: signatures are checked here with node:crypto directly, so a live-mode app
 * pointed at this double shows whether the app reads Bitfinex as Bitfinex documents itself.
 */
import { createHash, createHmac } from "node:crypto";
import { bech32 } from "@scure/base";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

const FIXTURES = join(process.cwd(), "test/fixtures/bitfinex");
const text = (name: string) => readFileSync(join(FIXTURES, name), "utf8");

export interface SeedScenario {
  /** The invoice's status in list answers. */
  status: "CREATED" | "PENDING" | "COMPLETED" | "EXPIRED";
  /** Fields of the seed webhook example's payment to change, or null for no payment. */
  payment: Record<string, unknown> | null;
}

export interface SeedDouble {
  url: string;
  /** What the next list answers say about every invoice created here. */
  scenario: SeedScenario;
  /** Deposit methods the account cannot take deposits in (answered with an ERROR notification). */
  refusedMethods: Set<string>;
  /** Scopes given read and write on top of the fixture's key (whose `settings` is off): the key edited at bitfinex.com. */
  grantedScopes: Set<string>;
  /** Lightning: what invoice-payments answers (`{state}`, the one form public code shows), and which invoices were paid (LNX deposit movements). */
  lightning: { state: string; paid: Set<string> };
  /** Pay's routes answer 404, as a removed API would (Lightning is then the rail left). */
  payGone: boolean;
  /** The bid of the tBTCUSD ticker (the docs' field order). */
  btcUsdBid: number;
  calls: string[];
  close(): Promise<void>;
}

export async function startSeedDouble(apiKey: string, apiSecret: string): Promise<SeedDouble> {
  const invoices = new Map<string, string>(); // id -> orderId
  const lnx = new Map<string, { amount: string; at: number }>(); // payment hash -> invoice
  const double: SeedDouble = {
    url: "",
    scenario: { status: "CREATED", payment: null },
    refusedMethods: new Set(),
    grantedScopes: new Set(),
    lightning: { state: "not_paid", paid: new Set() },
    btcUsdBid: 50000,
    payGone: false,
    calls: [],
    close: async () => {},
  };

  /** The create fixture, verbatim but for the id and orderId the app needs to find it again. */
  const invoiceText = (id: string, orderId: string, status: string, payment: Record<string, unknown> | null) => {
    let t = text("php-200_payInvoiceCreate_response.json").trim();
    t = t
      .replace('"a6761c8b-468f-40ad-a522-cc5e41c39757"', JSON.stringify(id))
      .replace('"orderId":"order123"', `"orderId":${JSON.stringify(orderId)}`);
    t = t.replace('"status":"CREATED"', `"status":${JSON.stringify(status)}`);
    if (payment) {
      const seed = JSON.parse(text("seed-pay-webhook-completed.json")).payment;
      t = t.slice(0, -1) + `,"payment":${JSON.stringify({ ...seed, ...payment })}}`;
    }
    return t;
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const path = (req.url ?? "").replace(/^\//, "");
      double.calls.push(path);
      const send = (status: number, answer: string) =>
        res.writeHead(status, { "content-type": "application/json" }).end(answer);
      if (path.startsWith("v2/auth/")) {
        const nonce = String(req.headers["bfx-nonce"] ?? "");
        const expected = createHmac("sha384", apiSecret).update(`/api/${path}${nonce}${body}`).digest("hex");
        if (req.headers["bfx-apikey"] !== apiKey || req.headers["bfx-signature"] !== expected)
          return send(500, '["error",10100,"apikey: invalid"]');
      }
      const json = body ? JSON.parse(body) : {};
      if (double.payGone && path.includes("/ext/pay/")) return send(404, "Not Found");
      switch (path) {
        case "v2/auth/w/ext/pay/invoice/create/pos":
        case "v2/auth/w/ext/pay/invoice/create": {
          const id = `00000000-0000-4000-8000-${String(invoices.size + 1).padStart(12, "0")}`;
          invoices.set(id, json.orderId);
          return send(200, invoiceText(id, json.orderId, "CREATED", null));
        }
        case "v2/auth/r/ext/pay/invoices": {
          const ids = json.id ? [json.id] : [...invoices.keys()];
          const items = ids
            .filter((id) => invoices.has(id))
            .map((id) => invoiceText(id, invoices.get(id)!, double.scenario.status, double.scenario.payment));
          return send(200, `[${items.join(",")}]`);
        }
        case "v2/auth/w/deposit/invoice": {
          // Generate Invoice (docs): [INVOICE_HASH, INVOICE, null, null, AMOUNT].
          const { hash, bolt11 } = bolt11For(String(json.amount), lnx.size + 1);
          lnx.set(hash, { amount: String(json.amount), at: Date.now() });
          return send(200, JSON.stringify([hash.slice(0, 32), bolt11, null, null, String(json.amount)]));
        }
        case "v2/auth/r/ext/invoice/payments":
          // Documented by field names only; the one public reading is `{state}` compared with "not_paid".
          if (json.action === "getInvoiceById" && lnx.has(json.query?.txid))
            return send(200, JSON.stringify({ state: double.lightning.state }));
          return send(404, "Not Found");
        case "v2/auth/r/movements/LNX/hist": {
          // The PHP SDK's movements row, made a COMPLETED LNX deposit of each paid invoice.
          const [row] = JSON.parse(text("php-200_movements_response.json"));
          const rows = [...double.lightning.paid].map((hash, i) => {
            const inv = lnx.get(hash)!;
            const r = [...row];
            r[0] = 20000000 + i;
            r[1] = "LNX";
            r[2] = "LNX";
            r[5] = inv.at + 1000;
            r[6] = inv.at + 1000;
            r[9] = "COMPLETED";
            r[12] = Number(inv.amount);
            r[13] = 0;
            return r;
          });
          return send(200, JSON.stringify(rows));
        }
        case "v2/auth/r/permissions": {
          const rows = JSON.parse(text("php-200_keyPermission_response.json")) as [string, number, number][];
          if (double.grantedScopes.size === 0) return send(200, text("php-200_keyPermission_response.json"));
          return send(200, JSON.stringify(rows.map((r) => (double.grantedScopes.has(r[0]) ? [r[0], 1, 1] : r))));
        }
        case "v2/auth/w/deposit/address": {
          if (double.refusedMethods.has(json.method))
            return send(
              200,
              JSON.stringify([
                Date.now(),
                "acc_dep",
                null,
                null,
                [null, json.method, null, null, null, null],
                null,
                "ERROR",
                "Invalid method",
              ]),
            );
          const answer = JSON.parse(text("php-200_depositAddress_response.json"));
          answer[4][1] = json.method;
          return send(200, JSON.stringify(answer));
        }
        default:
          if (path === "v2/ticker/tBTCUSD" && req.method === "GET") {
            // Ticker (docs field order): BID, BID_SIZE, ASK, ASK_SIZE, CHANGE, CHANGE_RELATIVE, LAST_PRICE, VOLUME, HIGH, LOW.
            const b = double.btcUsdBid;
            return send(200, JSON.stringify([b, 10, b + 1, 10, 0, 0, b, 1000, b + 100, b - 100]));
          }
          // Anything the documents do not show (the method map among them): the app must cope.
          return send(404, "Not Found");
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  double.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  double.close = () => new Promise((r) => server.close(() => r()));
  return double;
}

/**
 * A BOLT11 string for `amountBtc` (the spec's layout: hrp, 35-bit timestamp, tagged p/x fields,
 * a 65-byte signature). The signature is zeros: the app reads invoices without checking it
 * (lib/lightning/bolt11.ts), and no wallet pays these.
 */
function bolt11For(amountBtc: string, n: number): { hash: string; bolt11: string } {
  const hash = createHash("sha256").update(`seed-double-${n}-${amountBtc}`).digest("hex");
  const [whole, frac = ""] = amountBtc.split(".");
  const sats = BigInt(whole! + frac.padEnd(8, "0").slice(0, 8));
  const words: number[] = [];
  const num = (v: number, len: number) => {
    for (let i = len - 1; i >= 0; i--) words.push(Math.floor(v / 32 ** i) % 32);
  };
  num(Math.floor(Date.now() / 1000), 7);
  const tag = (code: number, data: number[]) => {
    words.push(code);
    num(data.length, 2);
    words.push(...data);
  };
  tag(1, bech32.toWords(Buffer.from(hash, "hex"))); // p: payment hash
  tag(6, [28, 4]); // x: expiry 900 s
  words.push(...bech32.toWords(new Uint8Array(65)));
  return { hash, bolt11: bech32.encode(`lnbc${sats * 10n}n`, words, 2000) };
}
