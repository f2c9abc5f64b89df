/** The dashboard's "Send a test e-mail": straight through SMTP to the alert address, its error shown as it came. */
import "server-only";
import type { Db } from "../../db/connect";
import type { Mode } from "../../env";
import { ApiError } from "../../errors/api-error";
import type { MailSender } from "./sender";
import { getMailSettings } from "./settings";
import { alertMail } from "./templates";

export async function sendTestMail(
  db: Db,
  sender: MailSender,
  { envAlertsTo, appUrl, mode, merchant }: { envAlertsTo: string | null; appUrl: string; mode: Mode; merchant: string },
): Promise<string> {
  const { alertsTo } = await getMailSettings(db, envAlertsTo);
  if (!alertsTo)
    throw new ApiError({
      code: "mail_not_configured",
      message: "No alert address is saved: enter one under E-mail and save it first.",
      field: "alertsTo",
    });
  const mail = alertMail({
    merchant,
    sandbox: mode === "sandbox",
    title: "Test e-mail",
    lines: ["E-mail works: alerts about payments that need you will arrive at this address."],
    dashboardUrl: `${appUrl}/dashboard/settings`,
  });
  try {
    await sender.sendNow({ to: alertsTo, subject: mail.subject, text: mail.text, html: mail.html });
  } catch (e) {
    throw new ApiError({
      status: 502,
      code: "upstream_unavailable",
      message: `The SMTP server did not take the test e-mail: ${(e instanceof Error ? e.message : String(e)).slice(0, 300)}`,
    });
  }
  return alertsTo;
}
