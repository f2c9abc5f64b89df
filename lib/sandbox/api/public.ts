/** Public market endpoints: ticker, FX and platform status. */
import type { Sandbox } from "../sandbox";
import { crossRate, tickerRow } from "../market";
import { BfxError, json, type SandboxAnswer } from "./http";

export function ticker(sb: Sandbox, symbol: string): SandboxAnswer {
  const m = /^t([A-Z]{3,4}):?([A-Z]{3,4})$/.exec(symbol);
  const rate = m ? crossRate(sb.settings.prices, m[1]!, m[2]!) : null;
  if (!rate) throw new BfxError(10020, "symbol: invalid");
  return json(`[${tickerRow(rate).join(",")}]`);
}

export function fx(sb: Sandbox, body: Record<string, unknown>): SandboxAnswer {
  const rate =
    typeof body.ccy1 === "string" && typeof body.ccy2 === "string"
      ? crossRate(sb.settings.prices, body.ccy1, body.ccy2)
      : null;
  if (!rate) throw new BfxError(10020, "ccy: invalid");
  return json(`[${rate.toSignificantDigits(12).toFixed()}]`);
}

export function platformStatus(sb: Sandbox): SandboxAnswer {
  return json([sb.settings.maintenance ? 0 : 1]);
}
