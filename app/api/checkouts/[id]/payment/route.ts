// POST /api/checkouts/{id}/payment — public: the customer starts paying in a currency.
// Body {"payCurrency": "UST-TRX", "customerInfo"?: {...}}. Idempotent: every repeat gets the same invoice.
import { publicCheckoutView } from "@/lib/checkouts/public-view";
import { findInvoices, rememberLocale } from "@/lib/checkouts/repository";
import { LOCALE_COOKIE, negotiateLocale } from "@/lib/i18n/locales";
import { notOffered, startPayment } from "@/lib/checkouts/start-payment";
import { notFound } from "@/lib/errors/api-error";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse, route } from "@/lib/http/route";
import { isId } from "@/lib/ids";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export const POST = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const { id } = await params;
  if (!isId(id, "co")) throw notFound("This checkout");
  const { deps } = await getServices();
  const body = await readJsonBody(request, 16 * 1024);
  const started = await startPayment(deps, id, body);
  const c = started.checkout;
  // The customer's language (their choice on the page, else their browser's): their receipt's.
  const locale = negotiateLocale(
    cookieValue(request.headers.get("cookie"), LOCALE_COOKIE),
    request.headers.get("accept-language"),
  );
  await rememberLocale(deps.db, id, locale);
  const [invoices, rails, excluded] = await Promise.all([
    started.invoices ?? findInvoices(deps.db, id),
    deps.rails.current(),
    notOffered(deps, c),
  ]);
  return jsonResponse(publicCheckoutView(c, invoices, rails, deps.now(), deps.mode, excluded));
});

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("="); // a locale is plain ASCII; anything else is not a locale
  }
  return undefined;
}
