/**
 * Where the sign-in page may send the merchant afterwards: a path inside this app, nothing else.
 * A browser drops tabs and newlines from a URL and reads "\" as "/", so "/\t/evil.example" or
 * "/\evil.example" would leave the app; a newline would also break the redirect's Location header.
 */
const FALLBACK = "/dashboard";

export function safeCallbackPath(value: unknown): string {
  // Given twice in a query string it arrives as a list: not a path either.
  if (typeof value !== "string" || !value || value.length > 2000) return FALLBACK;
  // Controls (tab, newline, NUL…), spaces and backslashes have no place in a path this app made.
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(value)) return FALLBACK;
  if (!value.startsWith("/") || value.startsWith("//")) return FALLBACK;
  // Resolve it as a browser would, against a stand-in origin: it must stay on that origin.
  try {
    const base = "http://app.invalid";
    const url = new URL(value, base);
    if (url.origin !== base) return FALLBACK;
    // Dot segments can collapse into a protocol-relative URL: "/.//evil.example" is "//evil.example".
    if (url.pathname.startsWith("//")) return FALLBACK;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return FALLBACK;
  }
}
