/**
 * What an embed origin (EMBED_ORIGINS, the dashboard's settings) may be. It goes verbatim into the
 * CSP `frame-ancestors` directive, so anything beyond a plain origin could widen it: `*` or
 * `https://*.example` lets any (sub)domain frame the checkout, and `;` would end the directive and
 * start another. So: `https://` plus a host name or an IP literal, an optional port, nothing else.
 * `http://` only for a loopback host in sandbox mode (the e2e suite's embedding page).
 */
import ipaddr from "ipaddr.js";
import type { Mode } from "../mode";

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

function hostProblem(raw: string): string | null {
  const host = raw.toLowerCase();
  if (host.startsWith("[") && host.endsWith("]"))
    return ipaddr.IPv6.isValid(host.slice(1, -1)) ? null : "has an IPv6 literal that is not an address";
  if (/^[\d.]+$/.test(host))
    return ipaddr.IPv4.isValidFourPartDecimal(host) ? null : "has an IPv4 address that is not valid";
  if (host.length > 253) return "has a host name longer than 253 characters";
  if (!host.split(".").every((l) => LABEL.test(l)))
    return "must have a host name of letters, digits, hyphens and dots (such as shop.example)";
  return null;
}

/** Why `value` cannot be an embed origin, or null; the origin to store is `new URL(value).origin`. */
export function embedOriginProblem(value: string, mode: Mode): string | null {
  if (value.includes("*")) return "must not contain a wildcard (*): list each origin that may embed the checkout";
  if (/[;,'"\s\\]/.test(value))
    return "must not contain ; , quotes or spaces (one origin such as https://shop.example, nothing else)";
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#@:]+|\[[0-9a-fA-F:.]+\])(:\d{1,5})?\/?$/i.exec(value);
  if (!m) return "must be an origin such as https://shop.example (scheme and host, no path)";
  const scheme = m[1]!.toLowerCase();
  const host = m[2]!;
  const problem = hostProblem(host);
  if (problem) return problem;
  if (m[3] && (Number(m[3].slice(1)) < 1 || Number(m[3].slice(1)) > 65535)) return "has a port outside 1–65535";
  if (scheme === "https") return null;
  if (scheme === "http" && mode === "sandbox" && LOOPBACK_HOSTS.has(host.toLowerCase())) return null;
  return mode === "sandbox"
    ? "must start with https:// (http:// only for localhost, 127.0.0.1 or [::1] in sandbox mode)"
    : "must start with https://";
}
