/**
 * How the payment page looks for this merchant: name, logo and accent colour. The environment
 * (MERCHANT_NAME, MERCHANT_LOGO_URL, BRAND_COLOR) gives the defaults; what the merchant saved in
 * the dashboard's settings wins.
 */
import type { MerchantSettings } from "../settings/merchant-settings";

export interface Branding {
  name: string;
  logoUrl: string | null;
  /** A #rrggbb colour, checked so it can go into a style attribute safely. */
  color: string;
}

const DEFAULT_COLOR = "#16b157";

export function brandingFromEnv(env: Record<string, string | undefined> = process.env, mode: "sandbox" | "live" = "sandbox"): Branding {
  const color = env.BRAND_COLOR && /^#[0-9a-fA-F]{6}$/.test(env.BRAND_COLOR) ? env.BRAND_COLOR : DEFAULT_COLOR;
  // An https URL, or a path on this app (a file the merchant put in public/). Never http: a
  // mixed-content image on the payment page makes browsers flag it as not secure.
  const logo = env.MERCHANT_LOGO_URL && /^(https:\/\/|\/(?!\/))[^\s"'<>\\]+$/.test(env.MERCHANT_LOGO_URL) ? env.MERCHANT_LOGO_URL : null;
  const name = (env.MERCHANT_NAME ?? "").trim().slice(0, 80) || (mode === "sandbox" ? "Sandbox Shop" : "Checkout");
  return { name, logoUrl: logo, color };
}

/** Black or white text, whichever reads better on the brand colour (WCAG relative luminance). */
export function textOn(color: string): "#000000" | "#ffffff" {
  const channel = (i: number) => {
    const c = parseInt(color.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? "#000000" : "#ffffff";
}

/** The environment's branding with the dashboard's saved values on top. */
export function brandingFor(settings: Pick<MerchantSettings, "merchantName" | "logoUrl" | "brandColor">, env: Record<string, string | undefined> = process.env, mode: "sandbox" | "live" = "sandbox"): Branding {
  const base = brandingFromEnv(env, mode);
  return { name: settings.merchantName ?? base.name, logoUrl: settings.logoUrl ?? base.logoUrl, color: settings.brandColor ?? base.color };
}
