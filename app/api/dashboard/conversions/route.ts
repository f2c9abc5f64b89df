// GET    /api/dashboard/conversions — Bitfinex's automatic conversion rules, each in words.
// POST   /api/dashboard/conversions — add one: {"baseCcy": "UST", "convertCcy": "USD"}.
// DELETE /api/dashboard/conversions — remove one: the same body.
import { dashboardRoute } from "@/lib/auth/session";
import { isBitfinexError } from "@/lib/bitfinex/errors";
import { ApiError } from "@/lib/errors/api-error";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";
import {
  changeConversion,
  conversionInputSchema,
  conversionRefused,
  describeConversion,
} from "@/lib/settings/conversions";

export const dynamic = "force-dynamic";

async function parse(request: Request) {
  const parsed = conversionInputSchema.parse(await readJsonBody(request));
  return parsed;
}

/** A refusal is the merchant's to fix (409 with a sentence); an outage goes to the usual 503. */
async function refusedAs409<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (e) {
    if (isBitfinexError(e) && e.kind === "invalid_request")
      throw new ApiError({ code: "conversion_refused", message: conversionRefused(e.upstreamMessage) });
    throw e;
  }
}

export const GET = dashboardRoute(async (_request, _ctx, { services }) => {
  const rules = await services.deps.bitfinex.pay.listConversions();
  return jsonResponse({ data: rules.map((r) => ({ ...r, description: describeConversion(r) })) });
});

export const POST = dashboardRoute(async (request, _ctx, { services, audit }) => {
  const rule = await parse(request);
  await refusedAs409(changeConversion(services.deps.bitfinex.pay, "add", rule));
  await audit("setting.changed", "conversion", { added: rule });
  return jsonResponse({ ...rule, description: describeConversion(rule) }, 201);
});

export const DELETE = dashboardRoute(async (request, _ctx, { services, audit }) => {
  const rule = await parse(request);
  await refusedAs409(changeConversion(services.deps.bitfinex.pay, "remove", rule));
  await audit("setting.changed", "conversion", { removed: rule });
  return jsonResponse({ removed: rule });
});
