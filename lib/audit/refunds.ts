/**
 * What the audit log keeps of a refund request and its outcome, the same for the dashboard's
 * dialog and the merchant API: the fields a refund is asked with (nothing else a body may carry),
 * and the action an outcome is recorded as.
 */
import type { AuditAction } from "./log";

export function refundAskedDetails(body: unknown): Record<string, unknown> {
  const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const pick = (k: string) => (typeof b[k] === "string" ? (b[k] as string).slice(0, 200) : undefined);
  return { amount: pick("amount"), address: pick("address"), paymentId: pick("paymentId") };
}

/** sent → refund.sent, failed → refund.failed, anything else (sending, unknown) → refund.unknown. */
export function refundOutcomeAction(status: string): AuditAction {
  return status === "sent" ? "refund.sent" : status === "failed" ? "refund.failed" : "refund.unknown";
}

export function refundOutcomeDetails(view: {
  id: string;
  amount: string | null;
  payCurrency: string | null;
  address: string;
  bitfinexRefundId: string | null;
  error: string | null;
}): Record<string, unknown> {
  return {
    refundId: view.id,
    amount: view.amount,
    payCurrency: view.payCurrency,
    address: view.address,
    bitfinexRefundId: view.bitfinexRefundId,
    ...(view.error && { error: view.error }),
  };
}
