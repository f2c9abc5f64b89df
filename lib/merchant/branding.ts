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

export const DEFAULT_COLOR = "#16b157";

export function brandingFromEnv(
  env: Record<string, string | undefined> = process.env,
  mode: "sandbox" | "live" = "sandbox",
): Branding {
  const color = env.BRAND_COLOR && /^#[0-9a-fA-F]{6}$/.test(env.BRAND_COLOR) ? env.BRAND_COLOR : DEFAULT_COLOR;
  // An https URL, or a path on this app (a file the merchant put in public/). Never http: a
  // mixed-content image on the payment page makes browsers flag it as not secure.
  const logo =
    env.MERCHANT_LOGO_URL && /^(https:\/\/|\/(?!\/))[^\s"'<>\\]+$/.test(env.MERCHANT_LOGO_URL)
      ? env.MERCHANT_LOGO_URL
      : null;
  const name = (env.MERCHANT_NAME ?? "").trim().slice(0, 80) || (mode === "sandbox" ? "Sandbox Shop" : "Checkout");
  return { name, logoUrl: logo, color };
}

/** WCAG 2 relative luminance of a #rrggbb colour. */
export function luminance(color: string): number {
  const channel = (i: number) => {
    const c = parseInt(color.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** WCAG 2 contrast ratio of two #rrggbb colours, from 1 to 21 (AA asks 4.5 for text). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/**
 * Black or white text, whichever reads better on the brand colour. One of the two always reaches
 * at least 4.58:1 (the worst colour sits where both are equal), so the text passes WCAG AA on any brand colour.
 */
export function textOn(color: string): "#000000" | "#ffffff" {
  return contrastRatio(color, "#000000") >= contrastRatio(color, "#ffffff") ? "#000000" : "#ffffff";
}

/** The environment's branding with the dashboard's saved values on top. */
export function brandingFor(
  settings: Pick<MerchantSettings, "merchantName" | "logoUrl" | "brandColor">,
  env: Record<string, string | undefined> = process.env,
  mode: "sandbox" | "live" = "sandbox",
): Branding {
  const base = brandingFromEnv(env, mode);
  return {
    name: settings.merchantName ?? base.name,
    logoUrl: settings.logoUrl ?? base.logoUrl,
    color: settings.brandColor ?? base.color,
  };
}
