/**
 * Next's route handlers and proxy.ts get a Request without the TCP peer's address, and Next fills
 * X-Forwarded-For from the socket only when a request carries none, so with no proxy in front
 * (TRUST_PROXY=0) a client could name itself. This stamps the peer's address into a header of our
 * own on every request the process's HTTP servers receive, before Next sees it, replacing any value
 * a client sent under that name. Installed once at start by instrumentation.ts.
 */
import "server-only";
import { Server, type IncomingMessage } from "node:http";
import { SOCKET_ADDRESS_HEADER } from "../net/client-address";

const holder = globalThis as unknown as { __socketAddressStamped?: boolean };

export function stampSocketAddresses(): void {
  if (holder.__socketAddressStamped) return;
  holder.__socketAddressStamped = true;
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const req = args[0] as IncomingMessage;
      req.headers[SOCKET_ADDRESS_HEADER] = req.socket?.remoteAddress ?? "";
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof Server.prototype.emit;
}
