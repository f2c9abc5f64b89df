/**
 * The e-mails themselves: a subject, a plain-text part and a plain, accessible HTML part (one
 * column, real headings and a table with row headers, the language and direction on <html>, no
 * images, no tracking), built once when the message is queued. The receipt speaks the customer's
 * language from the payment page's catalogs; merchant alerts are in English like the dashboard.
 */
import escapeHtml from "escape-html";
import { createTranslator } from "use-intl/core";
import { formatFiat } from "../../i18n/format";
import { direction, INTL_TAGS, type Locale } from "../../i18n/locales";
import { CATALOGS } from "../../i18n/messages";

export interface Mail {
  subject: string;
  text: string;
  html: string;
  locale: Locale;
}

function page(locale: Locale, title: string, body: string): string {
  return `<!doctype html>
<html lang="${INTL_TAGS[locale]}" dir="${direction(locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:24px;background:#ffffff;color:#18181b;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:16px;line-height:1.5">
<main style="max-width:560px;margin:0 auto">
${body}
</main>
</body>
</html>
`;
}

const link = (href: string, label: string) =>
  `<a href="${escapeHtml(href)}" style="color:#1d4ed8;text-decoration:underline">${escapeHtml(label)}</a>`;

export interface ReceiptFacts {
  locale: Locale;
  merchant: string;
  checkoutId: string;
  orderId: string;
  /** Decimal strings, never floats. */
  amount: string;
  currency: string;
  amountPaid: string | null;
  payCurrency: string | null;
  paidAt: Date;
  receiptUrl: string;
}

/** The customer's receipt, in their language. */
export function receiptMail(f: ReceiptFacts): Mail {
  const t = createTranslator({ locale: f.locale, messages: CATALOGS[f.locale] });
  const time = new Intl.DateTimeFormat(INTL_TAGS[f.locale], {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(f.paidAt);
  const rows: Array<[string, string]> = [
    [t("receiptMerchant"), f.merchant],
    [t("receiptOrder"), f.orderId],
    [t("receiptAmount"), formatFiat(f.amount, f.currency, f.locale)],
    ...(f.amountPaid && f.payCurrency
      ? [[t("receiptPaid"), `${f.amountPaid} ${f.payCurrency}`] as [string, string]]
      : []),
    [t("receiptTime"), `${time} UTC`],
    [t("receiptCheckout"), f.checkoutId],
  ];
  const subject = t("emailReceiptSubject", { merchant: f.merchant, orderId: f.orderId });
  const text = [
    t("emailReceiptIntro"),
    "",
    ...rows.map(([k, v]) => `${k}: ${v}`),
    "",
    `${t("viewReceipt")}: ${f.receiptUrl}`,
    "",
    t("emailReceiptFooter", { merchant: f.merchant }),
    "",
  ].join("\n");
  const html = page(
    f.locale,
    subject,
    `<h1 style="font-size:22px;margin:0 0 16px">${escapeHtml(t("receiptTitle"))}</h1>
<p>${escapeHtml(t("emailReceiptIntro"))}</p>
<table role="presentation" style="border-collapse:collapse;width:100%;margin:16px 0">
${rows
  .map(
    ([k, v]) =>
      `<tr><th scope="row" style="text-align:start;padding:6px 12px 6px 0;border-bottom:1px solid #e4e4e7;font-weight:600;vertical-align:top">${escapeHtml(k)}</th><td style="padding:6px 0;border-bottom:1px solid #e4e4e7;word-break:break-all">${escapeHtml(v)}</td></tr>`,
  )
  .join("\n")}
</table>
<p>${link(f.receiptUrl, t("viewReceipt"))}</p>
<p style="color:#52525b;font-size:14px">${escapeHtml(t("emailReceiptFooter", { merchant: f.merchant }))}</p>`,
  );
  return { subject, text, html, locale: f.locale };
}

/** A merchant alert: what happened, what to do, and where in the dashboard. */
export interface AlertFacts {
  merchant: string;
  title: string;
  /** Sentences, each a paragraph. */
  lines: string[];
  dashboardUrl: string;
  /** "sandbox" alerts say so in the subject: nobody should act on fake money. */
  sandbox: boolean;
}

export function alertMail(f: AlertFacts): Mail {
  const subject = `${f.sandbox ? "[sandbox] " : ""}${f.merchant} checkout: ${f.title}`;
  const footer =
    "You receive this because this address is set for alerts in the checkout's dashboard (Settings, E-mail). The same problem is e-mailed at most once an hour.";
  const text = [f.title, "", ...f.lines, "", `Open the dashboard: ${f.dashboardUrl}`, "", footer, ""].join("\n");
  const html = page(
    "en",
    subject,
    `<h1 style="font-size:22px;margin:0 0 16px">${escapeHtml(f.title)}</h1>
${f.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("\n")}
<p>${link(f.dashboardUrl, "Open the dashboard")}</p>
<p style="color:#52525b;font-size:14px">${escapeHtml(footer)}</p>`,
  );
  return { subject, text, html, locale: "en" };
}
