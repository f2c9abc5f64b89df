/**
 * The amount form of a payment link where the customer chooses how much to pay, in the payment
 * page's look and the customer's language. A plain GET form to /l/{id}: it works without
 * JavaScript, and "7,50" typed in a comma locale is read as 7.50 there (lib/i18n/parse-amount.ts).
 * The merchant's preset amounts are plain links to the same URL with the amount filled in, so a
 * tap goes through exactly the checks a typed amount does.
 */
import { getLocale, getTranslations } from "next-intl/server";
import { fiatString } from "@/lib/checkouts/amounts";
import { formatFiat } from "@/lib/i18n/format";
import { amountHintText } from "@/lib/pages/link-amount-text";
import type { Locale } from "@/lib/i18n/locales";

export async function AmountForm({
  link,
  given,
  problem,
  embed,
}: {
  link: {
    id: string;
    name: string;
    description: string | null;
    currency: string;
    minAmount: string | null;
    maxAmount: string | null;
    presetAmounts: string[] | null;
  };
  given: string;
  problem: string | null;
  embed: boolean;
}) {
  const t = await getTranslations();
  const locale = await getLocale();
  const presets = (link.presetAmounts ?? []).map((a) => fiatString(a, link.currency));
  return (
    <form action={`/l/${link.id}`} method="get" className="space-y-4">
      {embed && <input type="hidden" name="embed" value="1" />}
      <h1 className="text-xl font-semibold">{link.name}</h1>
      {link.description && <p className="text-zinc-600 dark:text-zinc-300">{link.description}</p>}
      {presets.length > 0 && (
        <div role="group" aria-labelledby="preset-amounts" className="space-y-2">
          <p id="preset-amounts" className="font-medium">
            {t("presetAmountsLabel")}
          </p>
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-3" data-testid="preset-amounts">
            {presets.map((amount) => (
              <a
                key={amount}
                href={`/l/${link.id}?amount=${amount}${embed ? "&embed=1" : ""}`}
                className="rounded-lg border-2 border-[var(--brand)] px-3 py-2 text-center font-semibold tabular-nums focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand)]"
              >
                {formatFiat(amount, link.currency, locale as Locale)}
              </a>
            ))}
          </div>
          <p className="pt-2 text-sm text-zinc-600 dark:text-zinc-400">{t("otherAmountLabel")}</p>
        </div>
      )}
      <label className="block">
        <span className="font-medium">{t("amountLabel", { currency: link.currency })}</span>
        <input
          name="amount"
          inputMode="decimal"
          autoComplete="off"
          required
          defaultValue={given}
          aria-invalid={problem ? true : undefined}
          aria-describedby="amount-help"
          className="mt-1 block w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-lg dark:border-zinc-600 dark:bg-zinc-950"
        />
      </label>
      <p
        id="amount-help"
        className={problem ? "text-red-700 dark:text-red-400" : "text-sm text-zinc-600 dark:text-zinc-400"}
        role={problem ? "alert" : undefined}
      >
        {problem ?? amountHintText(t, link, locale)}
      </p>
      {problem && <p className="text-sm text-zinc-600 dark:text-zinc-400">{amountHintText(t, link, locale)}</p>}
      <button
        type="submit"
        className="w-full rounded-lg bg-[var(--brand)] px-4 py-3 font-semibold text-[var(--brand-text)] focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand)]"
      >
        {t("continueToPayment")}
      </button>
    </form>
  );
}
