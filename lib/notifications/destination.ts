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
 * development post to localhost.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { BlockList, isIP, isIPv4 } from "node:net";

/** The attempt error recorded for a refused destination (stable: the dashboard may key on it). */
export const DESTINATION_NOT_ALLOWED = "destination_not_allowed";

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 96], // unspecified, loopback (::1) and the deprecated IPv4-compatible block
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const) {
  blocked.addSubnet(net, prefix, "ipv6");
}

/** The 8 16-bit groups of an IPv6 address (already validated by isIP), or null. */
function ipv6Groups(ip: string): number[] | null {
  let text = ip.split("%")[0]!; // drop a zone id
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail[1]!.split(".").map(Number) as [number, number, number, number];
    text = text.slice(0, -tail[1]!.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.split("::") as [string, string | undefined];
  const parse = (s: string) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = rest === undefined ? [] : parse(rest);
  const groups = rest === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/** The IPv4 address an IPv6 address stands for (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::a.b.c.d), or null. */
function embeddedIPv4(groups: number[]): string | null {
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  const nat64 = groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0);
  if (!mapped && !nat64) return null;
  const hi = groups[6]!;
  const lo = groups[7]!;
  return `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
}

/** True for a public unicast address a notification may be sent to. */
export function isPublicAddress(ip: string): boolean {
  if (isIPv4(ip)) return !blocked.check(ip, "ipv4");
  if (isIP(ip) !== 6) return false;
  const groups = ipv6Groups(ip);
  if (!groups) return false;
  const v4 = embeddedIPv4(groups);
  if (v4) return !blocked.check(v4, "ipv4");
  return !blocked.check(groups.map((g) => g.toString(16)).join(":"), "ipv6");
}

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
    if (addresses.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), []);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

/** Why a webhook URL's host can never be a live destination ("localhost", a private literal IP), or null. */
export function staticHostProblem(url: URL): string | null {
  const host = hostOf(url).toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return "must not point at this server (localhost)";
  if (isIP(host) && !isPublicAddress(host)) return "must be a public internet address, not a private, loopback or link-local one";
  return null;
}
