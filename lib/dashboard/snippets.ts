/**
 * What the dashboard hands a merchant to put a checkout URL on their site: the plain link, an HTML
 * button in the brand colour, and the overlay script. The button's text is black or white, whichever
 * passes WCAG AA on that colour (white on the default green was 2.8:1). URLs and labels are escaped
 * for the attribute and text they go into.
 */
import { textOn } from "../merchant/branding";

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export interface Snippet {
  name: string;
  value: string;
}

export function buttonStyle(color: string): { background: string; color: string } {
  const background = /^#[0-9a-fA-F]{6}$/.test(color) ? color : "#16b157";
  return { background, color: textOn(background) };
}

export function snippets(url: string, appUrl: string, brandColor: string, label = "Pay with crypto"): Snippet[] {
  const { background, color } = buttonStyle(brandColor);
  const href = escapeHtml(url);
  const text = escapeHtml(label);
  return [
    { name: "Link", value: url },
    {
      name: "HTML button",
      value: `<a href="${href}" style="display:inline-block;padding:10px 18px;border-radius:8px;background:${background};color:${color};font-weight:600;text-decoration:none">${text}</a>`,
    },
    {
      name: "Overlay on your site",
      value: `<script src="${escapeHtml(appUrl)}/embed.js" async></script>\n<a href="${href}" data-bitfinex-checkout>${text}</a>`,
    },
  ];
}
