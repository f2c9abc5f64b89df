/**
 * Limits applied to a checkout: refusing at creation one that no offered currency can pay (a 422
 * naming the limit), and narrowing the currencies offered to those whose range takes the amount.
 * The daily limit is Bitfinex's per end customer: it is checked only when the checkout has the
 * customer's email (asked with `customerEmails`); without one there is no merchant-wide figure to
 * compare with, and Bitfinex's answer when the invoice is made decides. With limits or a rate
 * unknown (never read, Bitfinex silent), nothing is refused or hidden for them.
 */
import { ApiError } from "../errors/api-error";
import { formatFiat } from "../i18n/format";
import { classify, convertAmount, rangeText, type OverDaily, type Payability } from "./check";
import type { LimitsSnapshot, PayLimitsSource } from "./source";

/** What is compared with the limits: the checkout's amount, and its customer's email when it has one. */
export interface LimitSubject {
  amount: string;
  currency: string;
  email?: string | null;
}

const NO_LIMITS: LimitsSnapshot = { daily: null, currencies: new Map(), fetchedAt: 0 };

/** Null when neither the merchant's limits nor this customer's are known. */
export async function payability(
  source: PayLimitsSource,
  subject: LimitSubject,
  symbols: readonly string[],
): Promise<Payability | null> {
  const email = subject.email?.trim() || null;
  const [limits, customer] = await Promise.all([source.current(), email ? source.customer(email) : null]);
  if (!limits && !customer) return null;
  const known = limits ?? NO_LIMITS;
  const wanted = new Set<string>(
    symbols.flatMap((s) => {
      const l = known.currencies.get(s);
      return l ? [l.currency] : [];
    }),
  );
  if (customer) wanted.add(customer.currency);
  const amounts = new Map<string, string>();
  await Promise.all(
    [...wanted].map(async (ccy) => {
      const rate = await source.rate(subject.currency, ccy);
      if (rate) amounts.set(ccy, ccy === subject.currency ? subject.amount : convertAmount(subject.amount, rate, ccy));
    }),
  );
  return classify(amounts, symbols, known, customer);
}

const amountProblem = (message: string) => ({ field: "amount", message });
const money = (v: string, ccy: string) => formatFiat(v, ccy, "en");

/** The merchant's sentence for a customer past their daily limit. */
export function overDailyText(amount: string, currency: string, o: OverDaily): string {
  return (
    `${money(amount, currency)} is more than what is left of this customer's Bitfinex daily limit ` +
    `(${o.email}: ${money(o.remaining, o.currency)} left of ${money(o.limit, o.currency)} per 24 hours)`
  );
}

/** Throws the 422 a merchant sees when creating a checkout nobody could pay. */
export async function assertPayable(
  source: PayLimitsSource,
  subject: LimitSubject,
  symbols: readonly string[],
): Promise<void> {
  const p = await payability(source, subject, symbols);
  if (!p || p.payable.length > 0) return;
  if (p.overDaily) {
    const message = overDailyText(subject.amount, subject.currency, p.overDaily);
    throw new ApiError({
      code: "over_daily_limit",
      message: `amount: ${message}.`,
      field: "amount",
      problems: [amountProblem(message)],
      extra: { limit: p.overDaily },
    });
  }
  const ranges = p.outside.map((o) => `${o.symbol} ${rangeText(o.min, o.max, o.currency)}`).join("; ");
  const message = `no offered currency can take ${money(subject.amount, subject.currency)}: Bitfinex accepts ${ranges} per payment`;
  throw new ApiError({
    code: "amount_out_of_range",
    message: `amount: ${message}.`,
    field: "amount",
    problems: [amountProblem(message)],
    extra: { limits: p.outside },
  });
}

export interface LimitVerdict {
  /** Offered currencies whose per-payment range does not take this amount. */
  outside: ReadonlySet<string>;
  /** Set when the customer has too little left of their daily limit for any Pay invoice. */
  overDaily: OverDaily | null;
}

/**
 * What the limits say of a checkout: the currencies to leave out, and whether its customer is past
 * their daily limit. Nothing when limits are unknown or there is no source.
 */
export async function limitVerdict(
  source: PayLimitsSource | undefined,
  subject: LimitSubject,
  symbols: readonly string[],
): Promise<LimitVerdict> {
  const p = source ? await payability(source, subject, symbols).catch(() => null) : null;
  return { outside: new Set(p?.outside.map((o) => o.symbol) ?? []), overDaily: p?.overDaily ?? null };
}

/**
 * The offered currencies that cannot take this amount (all of them when it is over what is left
 * of the customer's daily limit): the payment page leaves them out.
 */
export async function excludedCurrencies(
  source: PayLimitsSource | undefined,
  subject: LimitSubject,
  symbols: readonly string[],
): Promise<ReadonlySet<string>> {
  const v = await limitVerdict(source, subject, symbols);
  return v.overDaily ? new Set(symbols) : v.outside;
}
