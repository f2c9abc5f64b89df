/**
 * Who a request comes from, for limits. Deployments differ in how many reverse proxies stand in
 * front of the app, and each proxy appends the address it saw to X-Forwarded-For; everything to
 * the left of the entry our outermost proxy appended was written by the client and is ignored.
 * TRUST_PROXY says how many:
 *  - unset ("auto"): one proxy, believed only when the TCP peer is itself loopback or a private
 *    address (a proxy on the same host or network, the README's setup); a request straight from a
 *    public address is that address whatever X-Forwarded-For it wrote;
 *  - n ≥ 1 (set explicitly): the client is the n-th entry from the right, whoever the peer is;
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

/** TRUST_PROXY: a number of proxies set explicitly, or "auto" (unset): one, only from a private peer. */
export type TrustProxy = number | "auto";

/** Peers whose X-Forwarded-For "auto" believes: loopback, RFC 1918, IPv6 unique-local (also IPv4-mapped). */
export function isPrivatePeer(address: string): boolean {
  const bare = address.trim().replace(/%.*$/, "");
  if (!ipaddr.isValid(bare)) return false;
  const range = ipaddr.process(bare).range();
  return range === "loopback" || range === "private" || range === "uniqueLocal";
}

/** One line for the start-up log: which X-Forwarded-For entries are believed, and why. */
export function describeTrustProxy(trustProxy: TrustProxy): string {
  if (trustProxy === "auto")
    return "TRUST_PROXY unset: X-Forwarded-For is believed (one proxy) only from a loopback or private peer; a public peer is its own address";
  if (trustProxy <= 0) return "TRUST_PROXY=0: X-Forwarded-For is ignored; the client is the TCP peer";
  return `TRUST_PROXY=${trustProxy}: the client is entry ${trustProxy} from the right of X-Forwarded-For, whoever the peer is`;
}

/** The client's address as TRUST_PROXY proxies report it (or the TCP peer with 0); "unknown" when nothing says. */
export function clientAddress(headers: HeaderSource, trustProxy: TrustProxy): string {
  const peer = header(headers, SOCKET_ADDRESS_HEADER).trim();
  if (trustProxy === "auto") {
    // No peer stamped (a request that did not come through our HTTP server): nothing to believe.
    if (!isPrivatePeer(peer)) return peer || "unknown";
    trustProxy = 1;
  }
  if (trustProxy <= 0) return peer || "unknown";
  // Several X-Forwarded-For lines are one list, in order (RFC 9110 §5.3); Node joins them with ", ".
  const hops = header(headers, "x-forwarded-for")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  // Fewer entries than proxies: the request skipped a proxy, and the leftmost is the best there is.
  return hops.at(-Math.min(trustProxy, hops.length)) ?? (peer || "unknown");
}

/** The limit key for an address: IPv4 as is (also when written IPv4-mapped), IPv6 by its /64, anything else as given (capped). */
export function clientKey(address: string): string {
  const bare = address.replace(/^\[(.*)\](?::\d+)?$/, "$1").replace(/%.*$/, "");
  if (!ipaddr.isValid(bare)) return `other:${bare.slice(0, 64)}`;
  const ip = ipaddr.process(bare); // ::ffff:a.b.c.d → a.b.c.d
  if (ip.kind() === "ipv4") return ip.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${ip.toString()}/64`).toString()}/64`;
}
