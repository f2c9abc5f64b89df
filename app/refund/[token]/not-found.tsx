// An unknown or malformed refund link: a 404 in the customer's language, in the payment page's look.
import { getTranslations } from "next-intl/server";
import { MessagePage } from "@/components/checkout/message-page";

export default async function ClaimNotFound() {
  const t = await getTranslations();
  return <MessagePage title={t("claimNotFoundTitle")} body={t("claimNotFoundBody")} />;
}
