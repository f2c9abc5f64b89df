/** Amount formatting shared by the views: numeric columns come back padded ("10.000000000000000000"). */
import { FIAT_CURRENCIES } from "../currencies/pay-currencies";
import { Money, toAmountString } from "../money/decimal";

/** A fiat amount with exactly its currency's decimals ("10.5" USD -> "10.50"). */
export function fiatString(amount: string, currency: string): string {
  return new Money(amount).toFixed(FIAT_CURRENCIES.get(currency) ?? 2);
}

/** A crypto amount without padding ("0.000100000000000000" -> "0.0001"); null stays null. */
export function cryptoString(amount: string | null): string | null {
  return amount === null ? null : toAmountString(new Money(amount));
}

/** What is still to pay, never negative. */
export function remaining(due: string | null, paid: string | null): string | null {
  if (due === null) return null;
  const left = new Money(due).sub(paid ?? "0");
  return toAmountString(left.isNegative() ? new Money(0) : left);
}
