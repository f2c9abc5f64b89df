// GET /greenfield/api/v1/pull-payments/{pullPaymentId} — public, as in BTCPay: a pull payment made
// here, by its id (the claim link's token), as PullPaymentData; 404 pullpayment-not-found otherwise.
import { readPullPayment } from "@/lib/greenfield/pull-payments";
import { greenfieldErrorResponse, greenfieldJson } from "@/lib/http/greenfield-route";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ pullPaymentId: string }> }) {
  try {
    const { pullPaymentId } = await context.params;
    const services = await getServices();
    return greenfieldJson(await readPullPayment(services.deps, pullPaymentId));
  } catch (e) {
    return greenfieldErrorResponse(e);
  }
}
