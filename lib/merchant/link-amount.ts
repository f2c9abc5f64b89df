/**
 * Why a customer's chosen amount for a payment link cannot be paid, as a reason the pages put into
 * the customer's language (lib/merchant/payment-links.ts keeps the rule itself; this names it).
 */
import { FIAT_CURRENCIES } from "../currencies/pay-currencies";
import { Money, decimalPlaces, isDecimalString } from "../money/decimal";
import { linkAmountProblem } from "./payment-links";
import type { PaymentLinkRow } from "./payment-links";

export type AmountIssue =
  | { code: "required" }
  | { code: "twice" }
  | { code: "invalid" }
  | { code: "precision"; digits: number }
  | { code: "min"; bound: string }
  | { code: "max"; bound: string };

export function linkAmountIssue(link: PaymentLinkRow, amounts: string[]): AmountIssue | null {
  if (amounts.length > 1) return { code: "twice" };
  const amount = amounts[0] ?? null;
  if (linkAmountProblem(link, amount) === null) return null;
  if (!amount) return { code: "required" };
  if (!isDecimalString(amount) || new Money(amount).lte(0)) return { code: "invalid" };
  const digits = FIAT_CURRENCIES.get(link.currency) ?? 2;
  if (decimalPlaces(amount) > digits) return { code: "precision", digits };
  if (link.minAmount && new Money(amount).lt(link.minAmount)) return { code: "min", bound: link.minAmount };
  if (link.maxAmount && new Money(amount).gt(link.maxAmount)) return { code: "max", bound: link.maxAmount };
  return { code: "invalid" };
}
