// A probe that meets a passing fault must not hide the currencies from customers (found by
// e2e/reliability/upstream-faults.spec.ts: one 429 on the probe made every payment page say
// "not available" for 30 s); a rail that is switched off must.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { BitfinexClient } from "../bitfinex/client";
import { BitfinexError, type BitfinexErrorKind } from "../bitfinex/errors";
import { payOptions } from "../checkouts/public-view";
import type { CheckoutRow } from "../db/schema";
import { railUsable, RailsMonitor } from "./health";

function monitorFailingWith(kind: BitfinexErrorKind) {
  const fail = async () => {
    throw new BitfinexError({ kind, endpoint: "/v2/auth/r/ext/pay/invoices" });
  };
  const client = {
    pay: { listInvoices: fail },
    lightning: { listInvoices: async () => [] },
  } as unknown as BitfinexClient;
  return new RailsMonitor(client);
}

describe("railUsable", () => {
  for (const kind of ["rate_limited", "timeout", "network", "malformed", "upstream", "nonce", "maintenance"] as const) {
    it(`a probe that met "${kind}" reports it, and the rail is still offered`, async () => {
      const rails = await monitorFailingWith(kind).current();
      assert.equal(rails.pay.available, false);
      assert.equal(rails.pay.reason, kind);
      assert.equal(railUsable(rails.pay), true);
      const row = { payCurrencies: ["BTC", "UST-TRX"] } as CheckoutRow;
      assert.deepEqual(
        payOptions(row, [], rails).map((o) => o.available),
        [true, true],
      );
    });
  }
  for (const kind of ["pay_unavailable", "permission", "auth"] as const) {
    it(`"${kind}" switches the rail off`, async () => {
      const rails = await monitorFailingWith(kind).current();
      assert.equal(railUsable(rails.pay), false);
      const row = { payCurrencies: ["BTC", "LNX"] } as CheckoutRow;
      // Lightning still works, so LNX alone is offered.
      assert.deepEqual(
        payOptions(row, [], rails).map((o) => [o.symbol, o.available]),
        [
          ["BTC", false],
          ["LNX", true],
        ],
      );
    });
  }
});
