/**
 * A Bitfinex double that answers only with what Bitfinex's own documents show: the PHP SDK's
 * fixtures and the Submit Invoice page's webhook example (test/fixtures/bitfinex), changed only
 * where a scenario says so (status, the payment). Not our sandbox, and sharing no code with it
 * or with the client: signatures are checked here with node:crypto directly, so a live-mode app
 * pointed at this double shows whether the app reads Bitfinex as Bitfinex documents itself.
 */
import { createHmac } from "node:crypto";
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
  calls: string[];
  close(): Promise<void>;
}

export async function startSeedDouble(apiKey: string, apiSecret: string): Promise<SeedDouble> {
  const invoices = new Map<string, string>(); // id -> orderId
  const double: SeedDouble = {
    url: "",
    scenario: { status: "CREATED", payment: null },
    refusedMethods: new Set(),
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
        case "v2/auth/r/permissions":
          return send(200, text("php-200_keyPermission_response.json"));
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
