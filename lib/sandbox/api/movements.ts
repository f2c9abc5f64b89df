/** Movements (deposit history) derived from the payments the sandbox has recorded. */
import { RawNumber, stringifyWithRawNumbers } from "../../json/lossless-json";
import type { Sandbox } from "../sandbox";
import { BfxError, json, type SandboxAnswer } from "./http";

interface Row {
  id: number;
  currency: string;
  name: string;
  started: number;
  updated: number;
  status: string;
  amount: string;
  address: string;
  txid: string;
}

function rows(sb: Sandbox): Row[] {
  const out: Row[] = [];
  for (const inv of Object.values(sb.payInvoices())) {
    for (const p of inv.payments) {
      const entry = inv.invoices.find((e) => e.symbol === p.symbol);
      out.push({
        id: p.depositId,
        currency: p.method === "LNX" ? "LNX" : p.currency,
        name: p.method === "LNX" ? "LIGHTNING" : p.method,
        started: p.createdAt,
        updated: p.updatedAt,
        status: p.status === "COMPLETED" ? "COMPLETED" : "PENDING",
        amount: p.amount,
        address: entry?.address ?? "",
        txid: p.txid,
      });
    }
  }
  // Refunds sent from a Pay invoice leave the account as withdrawals (negative AMOUNT) to the refund's address.
  for (const inv of Object.values(sb.payInvoices())) {
    for (const r of inv.refunds ?? []) {
      if (r.status !== "COMPLETED") continue;
      out.push({
        id: parseInt(r.id.replace(/-/g, "").slice(0, 12), 16),
        currency: r.ccy,
        name: r.ccy,
        started: r.t,
        updated: r.t,
        status: "COMPLETED",
        amount: `-${r.amount}`,
        address: r.address,
        txid: r.id,
      });
    }
  }
  for (const ln of Object.values(sb.lnInvoices())) {
    if (ln.status !== "paid" || ln.payInvoiceId || ln.depositId === null) continue;
    out.push({
      id: ln.depositId,
      currency: "LNX",
      name: "LIGHTNING",
      started: ln.paidAt!,
      updated: ln.paidAt!,
      status: "COMPLETED",
      amount: ln.amountBtc,
      address: ln.invoiceHash,
      txid: ln.paymentHash,
    });
  }
  return out.sort((a, b) => b.updated - a.updated);
}

export function movements(sb: Sandbox, currency: string | null, body: Record<string, unknown>): SandboxAnswer {
  const limit = body.limit ?? 25;
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > 2500)
    throw new BfxError(10020, "limit: invalid");
  const start = typeof body.start === "number" ? body.start : 0;
  const end = typeof body.end === "number" ? body.end : Number.MAX_SAFE_INTEGER;
  const selected = rows(sb)
    .filter((r) => (currency === null || r.currency === currency) && r.updated >= start && r.updated <= end)
    .slice(0, limit);
  // [ID, CURRENCY, CURRENCY_NAME, null, null, MTS_STARTED, MTS_UPDATED, null, null, STATUS, null, null,
  //  AMOUNT, FEES, null, null, DESTINATION_ADDRESS, PAYMENT_ID, null, null, TRANSACTION_ID, WITHDRAW_TRANSACTION_NOTE]
  const wire = selected.map((r) => [
    r.id,
    r.currency,
    r.name,
    null,
    null,
    r.started,
    r.updated,
    null,
    null,
    r.status,
    null,
    null,
    new RawNumber(r.amount),
    new RawNumber("0"),
    null,
    null,
    r.address,
    null,
    null,
    null,
    r.txid,
    null,
  ]);
  return json(stringifyWithRawNumbers(wire));
}
