/**
 * A tiny HTML template tag for the payment screen, used on the server (first paint) and in the
 * browser (updates). Every interpolated value is escaped unless it is already `Html` (the output
 * of another `html` call); arrays are joined; null, undefined and false render as nothing. So a
 * merchant's description or a Bitfinex address can never become markup.
 */
export class Html {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeText = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

type Value = Html | string | number | null | undefined | false | readonly Value[];

function piece(v: Value): string {
  if (v === null || v === undefined || v === false) return "";
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(piece).join("");
  return escapeText(String(v));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += piece(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Markup from a trusted source in this codebase (an SVG we built), taken as it is. */
export const trusted = (markup: string) => new Html(markup);

/** Links the page may show: the merchant's return URL, wallet URIs, our own paths. Anything else (javascript:, data:) becomes "#". */
export function safeHref(url: string): string {
  if (url.startsWith("/") && !url.startsWith("//")) return url;
  return /^(https?|bitcoin|litecoin|dogecoin|lightning|ethereum):/i.test(url) ? url : "#";
}

/** Space-joined class names, leaving out the falsy ones. */
export const cx = (...names: Array<string | false | null | undefined>) => names.filter(Boolean).join(" ");
