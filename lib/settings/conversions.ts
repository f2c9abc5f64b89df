/**
 * Bitfinex's automatic conversion rules as the dashboard shows and edits them: what a merchant may
 * choose, and each rule said in words. The rules live at Bitfinex (nothing is stored here).
 */
import { z } from "zod";
import type { BitfinexClient } from "../bitfinex/client";
import { isBitfinexError } from "../bitfinex/errors";
import type { ConversionRule } from "../bitfinex/pay/conversions";
import { PAY_CURRENCIES } from "../currencies/pay-currencies";

/** Bitfinex's API symbols of what customers pay in (a rule applies to the asset on every network). */
export const CONVERTIBLE_FROM: readonly string[] = [...new Set([...PAY_CURRENCIES.values()].map((c) => c.asset))];
/** What to convert into: a currency Bitfinex holds for the merchant. */
export const CONVERT_TO: readonly string[] = ["USD", "EUR", "GBP", "CHF", "JPY", "UST", "BTC"];

const NAMES: Record<string, string> = {
  BTC: "bitcoin",
  ETH: "ether",
  UST: "USDt",
  EUT: "EURt",
  LTC: "litecoin",
  DOGE: "dogecoin",
  AVAX: "AVAX",
  USD: "US dollars",
  EUR: "euros",
  GBP: "pounds sterling",
  CHF: "Swiss francs",
  JPY: "yen",
};
const nameOf = (s: string) => NAMES[s] ?? s;

export const conversionInputSchema = z
  .object({
    baseCcy: z.enum(CONVERTIBLE_FROM as [string, ...string[]], {
      error: `must be one of ${CONVERTIBLE_FROM.join(", ")}`,
    }),
    convertCcy: z.enum(CONVERT_TO as [string, ...string[]], { error: `must be one of ${CONVERT_TO.join(", ")}` }),
  })
  .strict()
  .refine((v) => v.baseCcy !== v.convertCcy, {
    path: ["convertCcy"],
    message: "must differ from the currency converted",
  });

/** "Every USDt payment (on any network) is converted to US dollars when it arrives in your Bitfinex account." */
export function describeConversion(rule: Pick<ConversionRule, "baseCcy" | "convertCcy">): string {
  const networks = [...PAY_CURRENCIES.values()].filter((c) => c.asset === rule.baseCcy).map((c) => c.networkName);
  const on = networks.length > 1 ? " (on any network)" : "";
  return `Every ${nameOf(rule.baseCcy)} payment${on} is converted to ${nameOf(rule.convertCcy)} when it arrives in your Bitfinex account.`;
}

/** Bitfinex refusing a rule, in the dashboard's words (its raw text stays in the logs). */
export function conversionRefused(upstreamMessage: string | null): string {
  if (/ALREADY_CONVERTED/.test(upstreamMessage ?? ""))
    return "This currency is already converted into another one: remove that rule first.";
  if (/NOT_FOUND/.test(upstreamMessage ?? "")) return "Bitfinex has no such rule (it may have been removed already).";
  return "Bitfinex did not accept this rule.";
}

type Rule = Pick<ConversionRule, "baseCcy" | "convertCcy">;
const sameRule = (a: Rule, b: Rule) => a.baseCcy === b.baseCcy && a.convertCcy === b.convertCcy;

/**
 * Adds or removes a rule, sent once. When the answer is lost (timeout, network, a 5xx: Bitfinex may
 * have done it), the list is read first: if the rule is already there (add) or gone (remove), that
 * is the outcome, and the merchant never sees a 409 for their own lost request; only otherwise is
 * the call sent a second time. A refusal (invalid_request) is passed on untouched.
 */
export async function changeConversion(
  pay: Pick<BitfinexClient["pay"], "addConversion" | "removeConversion" | "listConversions">,
  action: "add" | "remove",
  rule: Rule,
): Promise<void> {
  const send = () => (action === "add" ? pay.addConversion(rule) : pay.removeConversion(rule));
  try {
    await send();
  } catch (e) {
    if (!isBitfinexError(e) || e.certainlyNotProcessed || e.kind === "invalid_request") throw e;
    const listed = (await pay.listConversions()).some((r) => sameRule(r, rule));
    if (listed === (action === "add")) return;
    await send();
  }
}
