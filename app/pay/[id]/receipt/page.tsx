// /pay/{id}/receipt: the printable receipt of a paid checkout (404 until it is paid).
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PayFrame } from "@/components/checkout/pay-frame";
import { Receipt } from "@/components/checkout/receipt";
import { loadPayPage } from "@/lib/pages/pay-page";
import { isSettled } from "@/lib/checkouts/state-machine";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t("receiptTitle"), robots: { index: false, follow: false } };
}

export default async function ReceiptPage({ params }: Props) {
  const page = await loadPayPage((await params).id);
  if (!page || !isSettled(page.view.status.state)) notFound();
  return (
    <PayFrame merchant={page.merchant} brand={page.brand}>
      <Receipt
        view={page.view}
        merchantName={page.merchant.name}
        paidAt={page.paidAt}
        transactions={page.view.transactions}
      />
    </PayFrame>
  );
}
