/**
 * Sandbox-only control over the app's own checkouts, for trying out (and testing) what a
 * customer sees at the end of the clock without waiting for it:
 *   POST /sandbox/control/checkouts/{id}/expire-now
 * moves the checkout's deadline to now and expires its sandbox Pay invoice; the reconciler then
 * expires the checkout on its next tick, exactly as it would have at the real deadline.
 */
import { eq } from "drizzle-orm";
import type { CheckoutDeps } from "../checkouts/deps";
import { checkouts } from "../db/schema";
import { isId } from "../ids";
import type { SandboxApi } from "./api/router";

export async function handleCheckoutControl(deps: CheckoutDeps, api: SandboxApi, path: string): Promise<Response | null> {
  const match = /^checkouts\/([^/]+)\/expire-now$/.exec(path);
  if (!match) return null;
  const id = match[1]!;
  const now = new Date(deps.now());
  const rows = isId(id, "co") ? await deps.db.update(checkouts).set({ expiresAt: now, nextCheckAt: now }).where(eq(checkouts.id, id)).returning({ id: checkouts.id }) : [];
  if (rows.length === 0) return Response.json({ error: "checkout_not_found", message: `No checkout ${id}.` }, { status: 404 });
  const invoice = api.sb.findPayInvoice(id);
  if (invoice) api.sb.expirePayInvoice(invoice);
  return Response.json({ ok: true, id, expiresAt: now.toISOString() });
}
