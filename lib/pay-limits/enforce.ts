/**
 * Limits applied to a checkout: refusing at creation one that no offered currency can pay (a 422
 * naming the limit), and narrowing the currencies offered to those whose range takes the amount.
 * With limits unknown (never read, Bitfinex silent), nothing is refused or hidden.
 */
import { ApiError } from "../errors/api-error";
import { formatFiat } from "../i18n/format";
import { classify, inUsd, rangeText, type Payability } from "./check";
import type { PayLimitsSource } from "./source";

/** Null when the limits or the fiat→USD rate are unknown. */
export async function payability(
  source: PayLimitsSource,
  amount: string,
  currency: string,
  symbols: readonly string[],
): Promise<Payability | null> {
  const [limits, rate] = await Promise.all([source.current(), source.usdRate(currency)]);
  if (!limits || !rate) return null;
  return classify(inUsd(amount, rate), symbols, limits);
}

const amountProblem = (message: string) => ({ field: "amount", message });

/** Throws the 422 a merchant sees when creating a checkout nobody could pay. */
export async function assertPayable(
  source: PayLimitsSource,
  amount: string,
  currency: string,
  symbols: readonly string[],
): Promise<void> {
  const p = await payability(source, amount, currency, symbols);
  if (!p || p.payable.length > 0) return;
  const shown = formatFiat(amount, currency, "en");
  if (p.overDaily) {
    const message = `${shown} is more than what is left of your Bitfinex daily limit today (${formatFiat(p.overDaily.remaining, "USD", "en")} left${p.overDaily.limit ? ` of ${formatFiat(p.overDaily.limit, "USD", "en")}` : ""})`;
    throw new ApiError({
      code: "over_daily_limit",
      message: `amount: ${message}.`,
      field: "amount",
      problems: [amountProblem(message)],
      extra: { limit: p.overDaily },
    });
  }
  const ranges = p.outside.map((o) => `${o.symbol} ${rangeText(o.min, o.max)}`).join("; ");
  const message = `no offered currency can take ${shown}: Bitfinex accepts ${ranges} per payment`;
  throw new ApiError({
    code: "amount_out_of_range",
    message: `amount: ${message}.`,
    field: "amount",
    problems: [amountProblem(message)],
    extra: { limits: p.outside },
  });
}

/**
 * The offered currencies that cannot take this amount (all of them when it is over today's
 * limit): the payment page leaves them out. Empty when limits are unknown or there is no source.
 */
export async function excludedCurrencies(
  source: PayLimitsSource | undefined,
  amount: string,
  currency: string,
  symbols: readonly string[],
): Promise<ReadonlySet<string>> {
  if (!source) return new Set();
  const p = await payability(source, amount, currency, symbols).catch(() => null);
  if (!p) return new Set();
  return new Set(p.overDaily ? symbols : p.outside.map((o) => o.symbol));
}
