// POST /api/dashboard/mail/test — sends a test e-mail to the alert address now and says what the
// SMTP server answered (409 mail_not_configured without SMTP_URL or an alert address).
import { dashboardRoute } from "@/lib/auth/session";
import { ApiError } from "@/lib/errors/api-error";
import { jsonResponse } from "@/lib/http/route";
import { sendTestMail } from "@/lib/notifications/mail/test-mail";
import { brandingFor } from "@/lib/merchant/branding";
import { readSettings } from "@/lib/settings/merchant-settings";

export const dynamic = "force-dynamic";

export const POST = dashboardRoute(async (_request, _ctx, { services }) => {
  if (!services.mail)
    throw new ApiError({
      code: "mail_not_configured",
      message: "E-mail is off: set SMTP_URL and MAIL_FROM in the environment and restart (README: E-mail).",
    });
  const to = await sendTestMail(services.deps.db, services.mail.sender, {
    envAlertsTo: services.config.mail?.alertsTo ?? null,
    appUrl: services.config.appUrl,
    mode: services.config.mode,
    merchant: brandingFor(await readSettings(services.deps.db), process.env, services.config.mode).name,
  });
  return jsonResponse({ sent: true, to });
});
