/**
 * Bitfinex's own history of an invoice (created, payment seen, completed, refunded …).
 * The answer is not documented (bfx-api-node-rest 6.0.0 JSDoc: `{id}` only). "Unconfirmed", we
 * accept a list of objects with a time (`t`|`mts`|`createdAt`) and a kind (`type`|`event`|`name`),
 * optionally `message`|`msg` and `data`; or arrays `[MTS, TYPE, MESSAGE?]`. Rows we cannot read are
 * skipped: the timeline is informative, never a reason to fail the page.
 * @see bfx-api-node-rest 6.0.0 lib/rest2.js payInvoiceEvents
 */
import { z } from "zod";
import type { BitfinexTransport } from "../transport";
import { parseWire } from "../wire/parse";
import { wireMillis } from "../wire/wire-decimal";

export interface InvoiceEvent {
  at: number;
  type: string;
  message: string | null;
}

const eventObject = z
  .object({
    t: wireMillis.nullish(),
    mts: wireMillis.nullish(),
    createdAt: wireMillis.nullish(),
    type: z.string().nullish(),
    event: z.string().nullish(),
    name: z.string().nullish(),
    message: z.string().nullish(),
    msg: z.string().nullish(),
  })
  .loose()
  .transform((o) => ({
    at: o.t ?? o.mts ?? o.createdAt ?? null,
    type: o.type ?? o.event ?? o.name ?? null,
    message: o.message ?? o.msg ?? null,
  }));
const eventArray = z
  .tuple([wireMillis, z.string()])
  .rest(z.unknown())
  .transform(([at, type, message]) => ({ at, type, message: typeof message === "string" ? message : null }));
export const wireInvoiceEvent = z.union([eventArray, eventObject]);

export async function listPayInvoiceEvents(t: BitfinexTransport, id: string): Promise<InvoiceEvent[]> {
  const path = "v2/auth/r/ext/pay/invoice/events";
  const rows = parseWire(z.array(z.unknown()), await t.authPost(path, { id }, { idempotent: true }), "/" + path);
  const out: InvoiceEvent[] = [];
  for (const row of rows) {
    const e = wireInvoiceEvent.safeParse(row);
    if (e.success && e.data.at !== null && e.data.type)
      out.push({ at: e.data.at, type: e.data.type, message: e.data.message });
  }
  return out.sort((a, b) => a.at - b.at);
}
