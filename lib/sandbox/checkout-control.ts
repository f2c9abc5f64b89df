/**
 * Sandbox-only control over the app's own checkouts, for trying out (and testing) what a
 * customer sees at the end of the clock without waiting for it:
 *   POST /sandbox/control/checkouts/{id}/expire-now
 * moves the checkout's deadline to now and expires its sandbox Pay invoice; the reconciler then
 * expires the checkout on its next tick, exactly as it would have at the real deadline.
 *   POST /sandbox/control/checkouts/{id}/expire-in   {"seconds": 120}
 * moves the deadline to that many seconds from now (1–3600), to see the "expiring soon" state.
 */
import { z } from "zod";
import type { CheckoutDeps } from "../checkouts/deps";
import { moveExpiry } from "../checkouts/repository";
import { isId } from "../ids";
import type { SandboxApi } from "./api/router";

export async function handleCheckoutControl(
  deps: CheckoutDeps,
  api: SandboxApi,
  path: string,
  body: unknown,
): Promise<Response | null> {
  const match = /^checkouts\/([^/]+)\/(expire-now|expire-in)$/.exec(path);
  if (!match) return null;
  const id = match[1]!;
  let seconds = 0;
  if (match[2] === "expire-in") {
    const parsed = z
      .object({ seconds: z.number().int().min(1).max(3600) })
      .strict()
      .safeParse(body);
    if (!parsed.success)
      return Response.json({ error: "invalid_body", message: 'expected {"seconds": 1..3600}' }, { status: 400 });
    seconds = parsed.data.seconds;
  }
  const at = new Date(deps.now() + seconds * 1000);
  const found = isId(id, "co") && (await moveExpiry(deps.db, id, at));
  if (!found) return Response.json({ error: "checkout_not_found", message: `No checkout ${id}.` }, { status: 404 });
  const invoice = api.sb.findPayInvoice(id);
  if (invoice && seconds === 0) api.sb.expirePayInvoice(invoice);
  return Response.json({ ok: true, id, expiresAt: at.toISOString() });
}
