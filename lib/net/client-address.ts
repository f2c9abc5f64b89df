/**
 * Who a request comes from, for limits. Deployments differ in how many reverse proxies stand in
 * front of the app, and each proxy appends the address it saw to X-Forwarded-For; everything to
 * the left of the entry our outermost proxy appended was written by the client and is ignored.
 * TRUST_PROXY (default 1, the README's setup behind one TLS-terminating proxy) says how many:
 *  - n ≥ 1: the client is the n-th entry from the right;
 *  - 0: the header is ignored entirely; the client is the TCP peer, which Next does not hand to
 *    route handlers, so socket-address.ts stamps it into SOCKET_ADDRESS_HEADER on every request
 *    (overwriting whatever a client sent under that name).
 * Addresses become limit keys with clientKey: an IPv6 client usually holds a whole /64, so one
 * /64 is one key.
 */
import ipaddr from "ipaddr.js";

/** Set by socket-address.ts on every request from the TCP peer; never trusted from a client. */
export const SOCKET_ADDRESS_HEADER = "x-checkout-socket-address";

type HeaderSource = Record<string, string | string[] | undefined> | Headers | undefined;

function header(headers: HeaderSource, name: string): string {
  if (headers instanceof Headers) return headers.get(name) ?? "";
  const value = headers?.[name];
  return Array.isArray(value) ? value.join(",") : (value ?? "");
}

/** The client's address as TRUST_PROXY proxies report it (or the TCP peer with 0); "unknown" when nothing says. */
export function clientAddress(headers: HeaderSource, trustProxy: number): string {
  if (trustProxy <= 0) return header(headers, SOCKET_ADDRESS_HEADER).trim() || "unknown";
  // Several X-Forwarded-For lines are one list, in order (RFC 9110 §5.3); Node joins them with ", ".
  const hops = header(headers, "x-forwarded-for")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  // Fewer entries than proxies: the request skipped a proxy, and the leftmost is the best there is.
  return hops.at(-Math.min(trustProxy, hops.length)) ?? (header(headers, SOCKET_ADDRESS_HEADER).trim() || "unknown");
}

/** The limit key for an address: IPv4 as is (also when written IPv4-mapped), IPv6 by its /64, anything else as given (capped). */
export function clientKey(address: string): string {
  const bare = address.replace(/^\[(.*)\](?::\d+)?$/, "$1").replace(/%.*$/, "");
  if (!ipaddr.isValid(bare)) return `other:${bare.slice(0, 64)}`;
  const ip = ipaddr.process(bare); // ::ffff:a.b.c.d → a.b.c.d
  if (ip.kind() === "ipv4") return ip.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${ip.toString()}/64`).toString()}/64`;
}
