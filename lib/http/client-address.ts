/**
 * The client's address as the nearest proxy (or Next's own server) reports it: the last entry of
 * X-Forwarded-For, which is the one the proxy in front of the app appended. Next's server fills the
 * header with the socket's address only when the request has none, so an app exposed without a
 * proxy believes what a client writes there; the limits that use it also have a total ceiling.
 */
export function clientAddress(headers: Record<string, string | string[] | undefined> | Headers | undefined): string {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : ([] as string[]).concat(headers?.[name] ?? [])[0]) ?? "";
  const forwarded = get("x-forwarded-for").split(",").map((s) => s.trim()).filter(Boolean);
  return (forwarded.at(-1) ?? get("x-real-ip")) || "unknown";
}
