// GET /s?amount=…&currency=…&orderId=…[&exp=…]&sig=… — a signed static link. A changed amount,
// currency or order id breaks the signature and gets an error page, never a checkout. `embed=1`
// (added by /embed.js, not signed: it changes how the page looks, not what is paid) is passed on.
import { ApiError } from "@/lib/errors/api-error";
import { getTranslations } from "next-intl/server";
import { htmlMessage, linkErrorPage } from "@/lib/pages/html-page";
import { countVisitorCheckout } from "@/lib/server/visitor-checkouts";
import { checkoutFromSignedLink } from "@/lib/merchant/payment-links";
import { linkSigningSecret, verifySignedLink } from "@/lib/merchant/signed-links";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const { deps, config } = await getServices();
  const secret = await linkSigningSecret(deps.db, config.linkSigningSecret);
  const query = new URL(request.url).searchParams;
  const embed = query.get("embed") === "1";
  query.delete("embed");
  const result = verifySignedLink(secret, query, Math.floor(deps.now() / 1000));
  if (!result.ok) {
    const t = await getTranslations();
    return result.reason === "expired"
      ? htmlMessage(410, t("signedExpiredTitle"), t("signedExpiredBody"))
      : htmlMessage(400, t("signedInvalidTitle"), t("signedInvalidBody"));
  }
  try {
    // Opening the link again reuses its checkout; only a new one counts against the client's limit.
    const checkout = await checkoutFromSignedLink(deps, result.params, result.signature, () =>
      countVisitorCheckout(request),
    );
    return Response.redirect(`${deps.appUrl}/pay/${checkout.id}${embed ? "?embed=1" : ""}`, 303);
  } catch (e) {
    if (e instanceof ApiError) return linkErrorPage(e);
    throw e;
  }
}
