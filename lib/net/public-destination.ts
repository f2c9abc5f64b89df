/**
 * Where notifications may go in live mode: public internet addresses only. A webhook URL is
 * typed in by whoever runs the dashboard, and the server makes the request, so without this
 * check `https://169.254.169.254/…` or `http://localhost:5432` would let a URL reach what only
 * the server can reach (cloud metadata, the database, admin ports).
 *
 * The check happens where the connection is made: the socket's DNS lookup resolves every address
 * of the host, refuses the host if any one of them is not public, and connects only to the
 * addresses it checked (so a name that answers a public address to a first lookup and a private
 * one to a second — DNS rebinding — cannot slip through). Sandbox mode skips it: tests and local
 * development post to localhost. Addresses are classified by ipaddr.js (maintained, with IANA's
 * special-purpose ranges) rather than parsed by hand.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/** The attempt error recorded for a refused destination (stable: the dashboard may key on it). */
export const DESTINATION_NOT_ALLOWED = "destination_not_allowed";

/**
 * The IPv4 address an IPv6 address stands for, when it is written in a form a resolver may
 * legitimately return for an IPv4-only host: IPv4-mapped (::ffff:a.b.c.d) and the well-known NAT64
 * prefix of DNS64 (64:ff9b::a.b.c.d, RFC 6052). Such an address is judged by the IPv4 it embeds,
 * so a NAT64 form of 169.254.169.254 is the metadata service, and 64:ff9b::8.8.8.8 is public.
 */
function translatedIPv4(ip: ipaddr.IPv6): ipaddr.IPv4 | null {
  if (ip.isIPv4MappedAddress()) return ip.toIPv4Address();
  const [a, b, c, d, e, f] = ip.parts;
  if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0)
    return new ipaddr.IPv4(ip.toByteArray().slice(12));
  return null;
}

/**
 * True for a public unicast address a notification may be sent to. ipaddr.js's range() knows
 * IANA's special-purpose registries; anything but "unicast" is refused: in IPv4 "this network",
 * private, CGNAT, loopback, link-local (cloud metadata), IETF assignments, documentation,
 * benchmarking, multicast, reserved, broadcast; in IPv6 unspecified, loopback, unique and
 * site-local (fec0::/10), link-local, multicast, the IPv4-compatible block, discard, IETF
 * assignments (Teredo, ORCHID, …), documentation, segment routing, the local-use NAT64 prefix
 * 64:ff9b:1::/48 (RFC 8215) and 6to4 (2002::/16, deprecated by RFC 7526, and its embedded IPv4
 * would hide a private target). The two translation forms above are judged by their IPv4.
 */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/%.*$/, ""); // a zone id names an interface: link-local, refused below anyway
  if (!ipaddr.isValid(bare) || isIP(bare) === 0) return false;
  const ip = ipaddr.parse(bare);
  if (ip.kind() === "ipv4") return ip.range() === "unicast";
  const v6 = ip as ipaddr.IPv6;
  const v4 = translatedIPv4(v6);
  if (v4) return v4.range() === "unicast";
  // Only the global unicast block 2000::/3 is handed out for the internet; the rest of the space is
  // reserved even where ipaddr.js has no name for it.
  return v6.range() === "unicast" && v6.match(GLOBAL_UNICAST);
}

const GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR("2000::/3");

export class DestinationError extends Error {
  readonly code = DESTINATION_NOT_ALLOWED;
  constructor(readonly address: string) {
    super(`${DESTINATION_NOT_ALLOWED}: ${address} is not a public internet address`);
    this.name = "DestinationError";
  }
}

/** The host of a URL as a socket sees it (IPv6 literals without their brackets). */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

/**
 * A `lookup` for http.request/net.connect that resolves every address of the host and refuses
 * the host unless all are public; the socket then connects to one of exactly those addresses.
 * (Node does not call `lookup` for a literal IP: check those with `isPublicAddress` first.)
 */
export function publicOnlyLookup(
  hostname: string,
  options: LookupOptions,
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  dnsLookup(hostname, { family: options.family, hints: options.hints, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const bad = addresses.find((a) => !isPublicAddress(a.address));
    if (bad) return callback(new DestinationError(bad.address), []);
    if (addresses.length === 0)
      return callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), []);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

/** Why a webhook URL's host can never be a live destination ("localhost", a private literal IP), or null. */
export function staticHostProblem(url: URL): string | null {
  const host = hostOf(url).toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return "must not point at this server (localhost)";
  if (isIP(host) && !isPublicAddress(host))
    return "must be a public internet address, not a private, loopback or link-local one";
  return null;
}
