// /l/{id}/amount: the amount form of a payment link where the customer chooses the amount.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { AmountForm } from "@/components/checkout/amount-form";
import { PayFrame } from "@/components/checkout/pay-frame";
import { amountIssueText } from "@/lib/pages/link-amount-text";
import { normalizeAmount } from "@/lib/i18n/parse-amount";
import { brandingFor, textOn } from "@/lib/merchant/branding";
import { linkAmountIssue } from "@/lib/merchant/link-amount";
import { findPaymentLink } from "@/lib/merchant/payment-links";
import { getServices } from "@/lib/server/services";
import { readSettings } from "@/lib/settings/merchant-settings";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { robots: { index: false, follow: false } };

export default async function LinkAmountPage({ params, searchParams }: Props) {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const { deps, config } = await getServices();
  const link = await findPaymentLink(deps, id);
  if (!link || !link.active || link.amount) notFound();
  const [t, locale, settings] = await Promise.all([getTranslations(), getLocale(), readSettings(deps.db)]);
  const brand = brandingFor(settings, process.env, config.mode);
  const given = typeof sp.amount === "string" ? sp.amount : null;
  const issue = given === null ? null : linkAmountIssue(link, [normalizeAmount(given, locale)]);
  return (
    <PayFrame
      merchant={{ name: brand.name, logoUrl: brand.logoUrl }}
      brand={{ color: brand.color, text: textOn(brand.color) }}
    >
      <AmountForm
        link={link}
        given={given ?? ""}
        problem={issue && amountIssueText(t, issue, link.currency, locale)}
        embed={sp.embed === "1"}
      />
    </PayFrame>
  );
}
