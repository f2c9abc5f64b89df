/**
 * Who may call the operator's routes: /api/metrics (how much money moves, when Bitfinex fails) and
 * /api/backup (the whole database). The public may not:
 *  - with the route's token set (METRICS_TOKEN, BACKUP_TOKEN), a request must carry
 *    `Authorization: Bearer <token>` (compared in constant time), wherever it comes from;
 *  - without it, only a request from this machine: the TCP peer and every X-Forwarded-For entry
 *    are loopback addresses. (A reverse proxy on the same machine connects from loopback too, but
 *    appends the address of the client it forwards; Next itself fills the header with the TCP peer
 *    when a request comes without one.) A Forwarded header is refused outright.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import ipaddr from "ipaddr.js";
import { SOCKET_ADDRESS_HEADER } from "../net/client-address";

export type OperatorAccess = "allowed" | "token_required" | "loopback_only";

export function operatorAccess(headers: Headers, token: string | null): OperatorAccess {
  // (METRICS_TOKEN or BACKUP_TOKEN; null: loopback only.)
  if (token !== null) {
    const given = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "")?.[1] ?? "";
    return sameSecret(given, token) ? "allowed" : "token_required";
  }
  if (headers.has("forwarded")) return "loopback_only";
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  return [headers.get(SOCKET_ADDRESS_HEADER) ?? "", ...hops].every(isLoopback) ? "allowed" : "loopback_only";
}

function isLoopback(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === "loopback";
}

/** Equal-length digests, so neither the comparison's time nor a length check tells anything. */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}
