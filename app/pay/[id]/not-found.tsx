// An unknown checkout: a 404 in the customer's language, in the payment page's look.
import { getTranslations } from "next-intl/server";
import { MessagePage } from "@/components/checkout/message-page";

export default async function CheckoutNotFound() {
  const t = await getTranslations();
  return <MessagePage title={t("notFoundTitle")} body={t("notFoundBody")} />;
}
