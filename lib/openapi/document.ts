/**
 * The OpenAPI 3.1 description of the API, served at /api/openapi.json. Request bodies and query
 * parameters come from the very zod schemas the routes validate with, so the description cannot
 * drift from what is accepted; answers come from responses.ts. Generated with
 * @asteasolutions/zod-to-openapi (zod 4 support from v8), rather than written by hand.
 *
 * document.test.ts fails when a route under app/api/v1 is missing here, and validates every
 * example in docs/api.md against this document.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { bfxKeyInputSchema } from "../bfx-pay/keys";
import { listQuerySchema } from "../checkouts/list";
import { startPaymentInputSchema } from "../checkouts/start-payment";
import { checkoutInputSchema } from "../checkouts/validation";
import type { Mode } from "../env";
import { paymentLinkPatchSchema } from "../merchant/payment-link-update";
import { paymentLinkInputSchema } from "../merchant/payment-links";
import { signedLinkSchema as signedLinkInputSchema } from "../merchant/signed-links";
import { webhookEndpointInputSchema } from "../notifications/endpoint-api";
import { claimOfferSchema, refundInputSchema } from "../refunds/input";
import type { ApiKeyScope } from "../api-scopes";
import * as res from "./responses";

/** Each status with the error codes it can carry (docs/api.md "Errors"). */
const ERROR_CODES: Record<number, string> = {
  400: "invalid_json, invalid_query, invalid_header: the body is not a JSON object; a query parameter or header is malformed",
  401: "unauthorized: no valid API key",
  403: "missing_scope: the key lacks the scope this operation lists under security (`scope` names it)",
  404: "not_found: no such checkout or link (also for malformed ids)",
  409: "checkout_expired, currency_unavailable, idempotency_conflict, secret_from_configuration, webhook_url_missing, mail_not_configured, not_refundable, refund_in_progress, nothing_to_refund: the request cannot apply to the current state",
  413: "body_too_large: bodies are limited to 64 KB",
  415: "unsupported_media_type: send Content-Type: application/json",
  422: "invalid_field, customer_info_required, amount_out_of_range, over_daily_limit, idempotency_key_reused, refund_refused: a field breaks a rule (`field` names it), or Bitfinex's limits",
  429: "rate_limited: retry after Retry-After seconds",
  502: "upstream_refused, refund_outcome_unknown: Bitfinex refused the request, or did not confirm a refund",
  503: "upstream_unavailable, payment_starting, rate_unavailable: Bitfinex is not answering; retry after Retry-After seconds",
};

type Json = Record<string, unknown>;
const json = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });

function answers(ok: Record<number, [string, z.ZodType]>, errorStatuses: number[]) {
  const out: Json = {};
  for (const [status, [description, schema]] of Object.entries(ok)) out[status] = { description, ...json(schema) };
  // A merchant route (one that can answer 401) can also answer 403 missing_scope.
  const statuses = errorStatuses.includes(401) ? [...new Set([...errorStatuses, 403])].sort() : errorStatuses;
  for (const status of statuses) out[status] = { description: ERROR_CODES[status], ...json(res.errorSchema) };
  return out as never;
}

const idParam = (prefix: string) => z.object({ id: z.string().describe(`the id (${prefix}_…)`) });
const BODY_ERRORS = [400, 401, 413, 415, 422];

export function buildOpenApiDocument(mode: Mode, serverUrl: string) {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description:
      "A merchant API key: MERCHANT_API_KEY, a key made in the dashboard, or the sandbox's sk_sandbox_0123456789abcdefghijkl",
  });
  // OpenAPI 3.1 lets a non-OAuth scheme list role names: here the key's scope (docs/api.md).
  const needs = (scope: ApiKeyScope) => [{ [bearer.name]: [scope] }];
  const Checkout = registry.register("Checkout", res.checkoutSchema);
  const PaymentLink = registry.register("PaymentLink", res.paymentLinkSchema);
  const Status = registry.register("CheckoutStatus", res.checkoutStatusSchema);
  registry.register("Error", res.errorSchema);

  registry.registerPath({
    method: "post",
    path: "/api/v1/checkouts",
    summary: "Create a checkout",
    security: needs("checkouts:write"),
    request: {
      headers: z.object({
        "Idempotency-Key": z
          .string()
          .regex(/^[\x21-\x7e]{1,255}$/)
          .optional(),
      }),
      body: json(checkoutInputSchema(mode)),
    },
    responses: answers(
      {
        201: [
          "the checkout (a replay of the same Idempotency-Key answers the first one, with Idempotent-Replayed: true)",
          Checkout,
        ],
      },
      [...BODY_ERRORS, 409],
    ),
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/checkouts",
    summary: "List checkouts, newest first",
    security: needs("checkouts:read"),
    request: { query: listQuerySchema },
    responses: answers({ 200: ["a page of checkouts", res.checkoutListSchema] }, [400, 401]),
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/checkouts/{id}",
    summary: "Retrieve a checkout",
    security: needs("checkouts:read"),
    request: { params: idParam("co") },
    responses: answers({ 200: ["the checkout, with its Bitfinex invoices", Checkout] }, [401, 404]),
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/checkouts/{id}/refunds",
    summary: "Refund a paid checkout (everything, the excess or a part)",
    security: needs("refunds:write"),
    request: {
      params: idParam("co"),
      headers: z.object({
        "Idempotency-Key": z
          .string()
          .regex(/^[\x21-\x7e]{1,255}$/)
          .optional(),
      }),
      body: json(z.union([refundInputSchema, claimOfferSchema])),
    },
    responses: answers(
      {
        201: [
          'the refund (a replay of the same Idempotency-Key answers 200 with the first one); with "claim": true, the refund claim and its url',
          z.union([res.refundSchema, res.refundClaimSchema]),
        ],
      },
      [...BODY_ERRORS, 404, 409, 502, 503],
    ),
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/checkouts/{id}/refunds",
    summary: "A checkout's refunds, oldest first",
    security: needs("checkouts:read"),
    request: { params: idParam("co") },
    responses: answers({ 200: ["its refunds", res.refundListSchema] }, [401, 404]),
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/payment-links",
    summary: "Create a payment link",
    security: needs("links:write"),
    request: { body: json(paymentLinkInputSchema(mode)) },
    responses: answers({ 201: ["the link", PaymentLink] }, BODY_ERRORS),
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/payment-links",
    summary: "List payment links",
    security: needs("links:read"),
    responses: answers({ 200: ["every link, newest first", res.paymentLinkListSchema] }, [401]),
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/payment-links/{id}",
    summary: "Retrieve a payment link",
    security: needs("links:read"),
    request: { params: idParam("lnk") },
    responses: answers({ 200: ["the link", PaymentLink] }, [401, 404]),
  });
  registry.registerPath({
    method: "patch",
    path: "/api/v1/payment-links/{id}",
    summary: "Edit a payment link, or turn it off or on",
    security: needs("links:write"),
    request: { params: idParam("lnk"), body: json(paymentLinkPatchSchema()) },
    responses: answers({ 200: ["the link", PaymentLink] }, [...BODY_ERRORS, 404]),
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/signed-links",
    summary: "Make a signed static link",
    security: needs("links:write"),
    request: { body: json(signedLinkInputSchema) },
    responses: answers({ 201: ["the link", res.signedLinkSchema] }, BODY_ERRORS),
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/api-keys/current",
    summary: "The key making this request: its name, prefix and scopes (never the key)",
    security: [{ [bearer.name]: [] }],
    responses: answers({ 200: ["the key", res.apiKeySchema] }, [401]),
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/webhook-endpoint",
    summary: "Where notifications go, and where the signing secret comes from (never the secret)",
    security: needs("webhooks:admin"),
    responses: answers({ 200: ["the endpoint", res.webhookEndpointSchema] }, [401]),
  });
  registry.registerPath({
    method: "put",
    path: "/api/v1/webhook-endpoint",
    summary: "Set the webhook URL (null: send nowhere)",
    security: needs("webhooks:admin"),
    request: { body: json(webhookEndpointInputSchema) },
    responses: answers({ 200: ["the endpoint", res.webhookEndpointSchema] }, BODY_ERRORS),
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/webhook-endpoint/rotate-secret",
    summary: "Make a new signing secret, returned this once (refused while MERCHANT_WEBHOOK_SECRET sets it)",
    security: needs("webhooks:admin"),
    responses: answers(
      { 200: ["the new secret; the old one stops working at once", res.webhookSecretSchema] },
      [401, 409],
    ),
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/webhook-endpoint/test",
    summary: "Send a test.ping event (tried once, not retried for days)",
    security: needs("webhooks:admin"),
    responses: answers({ 201: ["the event, queued for delivery", res.webhookEventSchema] }, [401, 409]),
  });

  registry.registerPath({
    method: "post",
    path: "/api/v1/bfx-pay-keys",
    summary:
      "Make a key for Bitfinex Pay's WooCommerce plugin (its secret is returned this once, with the plugin's Api url and Redirect url)",
    security: needs("plugins:admin"),
    request: { body: json(bfxKeyInputSchema) },
    responses: answers({ 201: ["the key, its secret and the URLs to paste", res.bfxPayKeyCreatedSchema] }, BODY_ERRORS),
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/bfx-pay-keys",
    summary: "The plugin keys (never a secret) and the URLs to paste",
    security: needs("plugins:admin"),
    responses: answers({ 200: ["the keys", res.bfxPayKeyListSchema] }, [401]),
  });
  registry.registerPath({
    method: "delete",
    path: "/api/v1/bfx-pay-keys/{id}",
    summary: "Revoke a plugin key: its requests are refused at once",
    security: needs("plugins:admin"),
    request: { params: idParam("key") },
    responses: answers({ 200: ["revoked", res.revokedSchema] }, [401, 404]),
  });

  // Public: what the payment page uses (no key; a checkout id is 128 random bits).
  registry.registerPath({
    method: "get",
    path: "/api/checkouts/{id}",
    summary: "What the payment page shows (public)",
    request: { params: idParam("co") },
    responses: answers({ 200: ["the checkout as the customer sees it", res.publicCheckoutSchema] }, [404]),
  });
  registry.registerPath({
    method: "get",
    path: "/api/checkouts/{id}/status",
    summary: "The status the payment page polls (public; ETag, 304 when unchanged)",
    request: { params: idParam("co") },
    responses: answers({ 200: ["the status", Status] }, [404]),
  });
  registry.registerPath({
    method: "get",
    path: "/api/checkouts/{id}/events",
    summary:
      "The same status pushed as it changes (public; Server-Sent Events: `event: status`, `data` the status body, `id` its version; poll the status endpoint whenever there is no stream)",
    request: { params: idParam("co") },
    responses: {
      ...(answers({}, [404, 503]) as Record<string, unknown>),
      200: {
        description: "a text/event-stream of `status` events, first the current status",
        content: { "text/event-stream": { schema: z.string() } },
      },
    } as never,
  });
  registry.registerPath({
    method: "post",
    path: "/api/checkouts/{id}/payment",
    summary: "Start paying in a currency (public, idempotent)",
    request: { params: idParam("co"), body: json(startPaymentInputSchema) },
    responses: answers(
      { 200: ["the checkout as the customer sees it, with the payment instructions", res.publicCheckoutSchema] },
      [400, 404, 409, 413, 415, 422, 502, 503],
    ),
  });

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Bitfinex Checkout API",
      version: "1",
      description:
        "Create checkouts, payment links and signed links, read them back, and manage the webhook endpoint. Amounts are decimal strings. The reference with examples is docs/api.md.",
    },
    servers: [{ url: serverUrl }],
  });
}
