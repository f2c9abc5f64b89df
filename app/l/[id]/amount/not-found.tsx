// A payment link that does not exist or takes no chosen amount: a 404 in the customer's language.
import { getTranslations } from "next-intl/server";
import { MessagePage } from "@/components/checkout/message-page";

export default async function LinkNotFound() {
  const t = await getTranslations();
  return <MessagePage title={t("linkNotFoundTitle")} body={t("linkNotFoundBody")} />;
}
