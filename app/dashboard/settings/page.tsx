// Settings: defaults for new checkouts, branding, the webhook URL and signing secret, the sites
// allowed to show the checkout in an overlay, and Bitfinex's automatic conversion rules.
import { ActionButton } from "@/components/dashboard/action-button";
import { ApiForm } from "@/components/dashboard/api-form";
import { CopyButton } from "@/components/dashboard/copy-button";
import { Card, Field, inputClass } from "@/components/dashboard/ui";
import { requireAdmin } from "@/lib/auth/session";
import { DEFAULT_PAY_CURRENCIES, DURATION_DEFAULT_SECONDS } from "@/lib/checkouts/validation";
import { brandingFor } from "@/lib/merchant/branding";
import { getWebhookSettings } from "@/lib/notifications/settings";
import { getServices } from "@/lib/server/services";
import { checkoutDefaults, readSettings } from "@/lib/settings/merchant-settings";
import { PayCurrencyChecks, payCurrencyName } from "@/components/dashboard/pay-currency-checks";
import { CONVERT_TO, CONVERTIBLE_FROM, describeConversion } from "@/lib/settings/conversions";
import type { ConversionRule } from "@/lib/bitfinex/pay/conversions";
import { SecretRotation } from "@/components/dashboard/secret-rotation";
import { getMailSettings } from "@/lib/notifications/mail/settings";

export default async function SettingsPage() {
  await requireAdmin("/dashboard/settings");
  const { deps, config } = await getServices();
  const [settings, webhook, mail] = await Promise.all([
    readSettings(deps.db),
    getWebhookSettings(deps.db, config.merchantWebhookUrl, config.merchantWebhookSecret),
    getMailSettings(deps.db, config.mail?.alertsTo ?? null),
  ]);
  const brand = brandingFor(settings, process.env, config.mode);
  const defaults = checkoutDefaults(settings);
  // The rules live at Bitfinex: read them for this view; the page still renders without them.
  let rules: ConversionRule[] | null = null;
  try {
    rules = await deps.bitfinex.pay.listConversions();
  } catch {
    rules = null;
  }
  return (
    <>
      <h1 className="text-2xl font-semibold">Settings</h1>
      <Card title="New checkouts">
        <ApiForm
          action="/api/dashboard/settings"
          method="PATCH"
          submitLabel="Save defaults"
          savedMessage="Defaults saved."
          className="grid max-w-2xl gap-3 sm:grid-cols-2"
        >
          <PayCurrencyChecks
            name="defaultPayCurrencies"
            legend="Pay currencies offered"
            selected={defaults.payCurrencies}
            hint={`Bitfinex's usual set: ${DEFAULT_PAY_CURRENCIES.map(payCurrencyName).join(", ")}.`}
            className="sm:col-span-2"
          />
          <Field
            label="Time to pay (minutes)"
            name="defaultDurationSeconds"
            hint={`5 to 1440 minutes (24 hours). Empty: ${DURATION_DEFAULT_SECONDS / 60}.`}
          >
            <input
              name="defaultDurationSeconds"
              data-kind="minutes"
              data-empty="null"
              inputMode="decimal"
              defaultValue={settings.defaultDurationSeconds ? String(settings.defaultDurationSeconds / 60) : ""}
              className={inputClass}
            />
          </Field>
        </ApiForm>
      </Card>
      <Card title="Branding of the payment page">
        <ApiForm
          action="/api/dashboard/settings"
          method="PATCH"
          submitLabel="Save branding"
          savedMessage="Branding saved."
          className="grid max-w-2xl gap-3 sm:grid-cols-3"
        >
          <Field label="Shop name" name="merchantName">
            <input
              name="merchantName"
              data-empty="null"
              defaultValue={settings.merchantName ?? ""}
              placeholder={brand.name}
              className={inputClass}
            />
          </Field>
          <Field label="Logo URL" name="logoUrl" hint="https://… or /logo.svg in public/">
            <input
              name="logoUrl"
              data-empty="null"
              defaultValue={settings.logoUrl ?? ""}
              placeholder={brand.logoUrl ?? ""}
              className={inputClass}
            />
          </Field>
          <Field label="Accent colour" name="brandColor">
            <input
              name="brandColor"
              type="color"
              defaultValue={brand.color}
              className="mt-1 block h-9 w-20 rounded-md border border-zinc-300 dark:border-zinc-600"
            />
          </Field>
        </ApiForm>
      </Card>
      <Card title="Webhook">
        <ApiForm
          action="/api/dashboard/webhook"
          method="PUT"
          submitLabel="Save URL"
          savedMessage="Webhook URL saved."
          className="grid max-w-2xl gap-3"
        >
          <div>
            <Field
              label="Your endpoint"
              name="url"
              hint={`${webhook.urlSource === "environment" ? "Now from MERCHANT_WEBHOOK_URL; saving here overrides it." : "Signed POSTs for every state change (docs/webhooks.md). Empty: send nowhere."} ${config.mode === "live" ? "Must start with https://." : "Sandbox: http:// (e.g. http://localhost) is accepted too; live mode needs https://."}`}
            >
              <input
                name="url"
                type="url"
                data-empty="null"
                defaultValue={webhook.url ?? ""}
                placeholder="https://shop.example/webhooks/checkout"
                className={inputClass}
              />
            </Field>
          </div>
        </ApiForm>
        <div className="mt-4 text-sm">
          <p className="font-medium">Signing secret</p>
          {webhook.secretSource === "environment" ? (
            // Configuration owns it: not shown (the operator has it) and not rotatable here, since a
            // restart would bring the configured value back and break the receivers using it.
            <p className="mt-1 text-zinc-600 dark:text-zinc-400" data-testid="webhook-secret-source">
              Set by configuration (<code className="font-mono text-xs">MERCHANT_WEBHOOK_SECRET</code>). To change it,
              change the variable and your receiver, then restart the app; it cannot be rotated here.
            </p>
          ) : (
            <p className="mt-1 flex flex-wrap items-center gap-2">
              <code
                className="rounded bg-zinc-100 px-2 py-1 font-mono text-xs dark:bg-zinc-800"
                data-testid="webhook-secret"
              >
                {webhook.secret}
              </code>
              <CopyButton value={webhook.secret} />
              <SecretRotation />
            </p>
          )}
        </div>
      </Card>
      <Card title="E-mail">
        {config.mail ? (
          <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
            Sent through <code className="font-mono text-xs">SMTP_URL</code> from{" "}
            <code className="font-mono text-xs">{config.mail.from}</code>. Alerts: a payment that came late, a checkout
            that expired underpaid, a refund of unknown outcome, webhooks failing for an hour, a go-live check failing
            (each problem at most once an hour).
          </p>
        ) : (
          <p className="mb-3 text-sm" data-testid="mail-off">
            E-mail is off: set <code className="font-mono text-xs">SMTP_URL</code> and{" "}
            <code className="font-mono text-xs">MAIL_FROM</code> in the environment and restart (README: E-mail). What
            you save here applies once it is on.
          </p>
        )}
        <ApiForm
          action="/api/dashboard/mail"
          method="PATCH"
          submitLabel="Save e-mail settings"
          savedMessage="E-mail settings saved."
          className="grid max-w-2xl gap-3 sm:grid-cols-2"
        >
          <Field
            label="Alerts go to"
            name="alertsTo"
            hint={
              mail.alertsToSource === "environment"
                ? "Now from MAIL_ALERTS_TO; saving here overrides it."
                : "Empty: no alerts are e-mailed."
            }
          >
            <input
              name="alertsTo"
              type="email"
              data-empty="null"
              defaultValue={mail.alertsTo ?? ""}
              placeholder="you@shop.example"
              className={inputClass}
            />
          </Field>
          <Field
            label="Receipts to customers"
            name="receipts"
            hint="On a paid shop checkout whose customer gave an e-mail, in the language of their payment page."
          >
            <select name="receipts" defaultValue={mail.receipts ? "on" : "off"} className={inputClass}>
              <option value="off">Off</option>
              <option value="on">On</option>
            </select>
          </Field>
        </ApiForm>
        {config.mail && (
          <div className="mt-4">
            <ActionButton
              action="/api/dashboard/mail/test"
              label="Send a test e-mail"
              done="Sent to {to}: the SMTP server took it."
            />
          </div>
        )}
      </Card>
      <Card title="Sites allowed to embed the checkout">
        <ApiForm
          action="/api/dashboard/settings"
          method="PATCH"
          submitLabel="Save origins"
          savedMessage="Origins saved."
          className="max-w-2xl space-y-3"
        >
          <Field
            label="Origins, one per line"
            name="embedOrigins"
            hint="https:// and a host, for example https://shop.example (no wildcard: list each site). Other sites cannot show the checkout in a frame."
          >
            <textarea
              name="embedOrigins"
              data-kind="list"
              rows={3}
              defaultValue={settings.embedOrigins.join("\n")}
              className={inputClass}
            />
          </Field>
        </ApiForm>
      </Card>
      <Card title="Automatic conversion">
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          Bitfinex can convert what customers pay into another currency as soon as it arrives, so you do not hold it.
          These rules are kept at Bitfinex and apply to every payment to your account.
        </p>
        {rules === null ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            Bitfinex&apos;s conversion rules could not be read just now.
          </p>
        ) : rules.length === 0 ? (
          <p className="text-sm">No rule: payments stay in the currency they were paid in.</p>
        ) : (
          <ul className="space-y-2 text-sm" data-testid="conversion-rules">
            {rules.map((r) => (
              <li
                key={`${r.baseCcy}-${r.convertCcy}`}
                className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-zinc-200 p-2 dark:border-zinc-700"
              >
                <span>
                  <strong>
                    {r.baseCcy} → {r.convertCcy}
                  </strong>
                  : {describeConversion(r)}
                </span>
                <ActionButton
                  action="/api/dashboard/conversions"
                  method="DELETE"
                  body={{ baseCcy: r.baseCcy, convertCcy: r.convertCcy }}
                  label={`Remove ${r.baseCcy} → ${r.convertCcy}`}
                />
              </li>
            ))}
          </ul>
        )}
        <ApiForm
          action="/api/dashboard/conversions"
          submitLabel="Add rule"
          className="mt-4 grid max-w-xl gap-3 sm:grid-cols-2"
        >
          <Field label="Convert payments in">
            <select name="baseCcy" className={inputClass} defaultValue="UST">
              {CONVERTIBLE_FROM.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </Field>
          <Field label="Into">
            <select name="convertCcy" className={inputClass} defaultValue="USD">
              {CONVERT_TO.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </Field>
        </ApiForm>
      </Card>
    </>
  );
}
