"use client";
// "View the transaction": the payment on a public block explorer, opened in a new tab.
import { useTranslations } from "next-intl";

export function TransactionLink({ url }: { url: string }) {
  const t = useTranslations();
  return (
    <a
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      className="block text-center text-sm underline"
      data-testid="transaction-link"
    >
      {t("viewTransaction")}
    </a>
  );
}
