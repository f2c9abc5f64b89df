/**
 * /pay/{id}: the customer's payment page, in the customer's language. The frame is rendered on the
 * server; the card is a client component rendered on the server first, so the order, the time left
 * and a started payment's QR and address are in the first HTML. ?embed=1 (added by /embed.js)
 * reports to the merchant's page around the frame.
 */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CheckoutCard } from "@/components/checkout/checkout-card";
import { PayFrame } from "@/components/checkout/pay-frame";
import { loadPayPage } from "@/lib/pages/pay-page";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = await loadPayPage((await params).id);
  const t = await getTranslations();
  return {
    title: page ? t("pageTitle", { merchant: page.merchant.name }) : t("notFoundTitle"),
    robots: { index: false, follow: false },
  };
}

export default async function PayPage({ params, searchParams }: Props) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const page = await loadPayPage(id);
  if (!page) notFound();
  const { view } = page;
  return (
    <PayFrame merchant={page.merchant} brand={page.brand} order={view}>
      <CheckoutCard
        view={view}
        merchantName={page.merchant.name}
        canRestart={page.canRestart}
        embed={query.embed === "1" ? { origins: page.embedOrigins, greenfield: query.greenfield === "1" } : null}
      />
    </PayFrame>
  );
}
