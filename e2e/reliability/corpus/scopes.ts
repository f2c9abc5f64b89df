// A key made with the default scopes (checkouts:read, checkouts:write), as a shop plugin would hold
// it, against every route that needs more: each answers 403 missing_scope, and nothing changes
// (the refund is not sent, the secret is neither rotated nor shown, the webhook stays where it was).
import type { Endpoint, HostileCase } from "./types";

const refused = { status: 403, code: "missing_scope", field: "Authorization" };

const cases: HostileCase[] = (
  [
    {
      name: "refund a paid checkout",
      path: "/api/v1/checkouts/{co}/refunds",
      json: { amount: "1.00", address: "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq" },
      expect: refused,
    },
    {
      name: "rotate the webhook secret (and read it)",
      path: "/api/v1/webhook-endpoint/rotate-secret",
      method: "POST",
      expect: refused,
    },
    { name: "read the webhook endpoint", path: "/api/v1/webhook-endpoint", expect: refused },
    {
      name: "repoint the webhook",
      path: "/api/v1/webhook-endpoint",
      method: "PUT",
      json: { url: "https://attacker.example/hook" },
      expect: refused,
    },
    { name: "send a test event", path: "/api/v1/webhook-endpoint/test", method: "POST", expect: refused },
    { name: "list payment links", path: "/api/v1/payment-links", expect: refused },
    { name: "read a payment link", path: "/api/v1/payment-links/{link}", expect: refused },
    {
      name: "make a payment link",
      path: "/api/v1/payment-links",
      json: { name: "x", amount: "1.00", currency: "USD" },
      expect: refused,
    },
    {
      name: "turn a payment link off",
      path: "/api/v1/payment-links/{link}",
      method: "PATCH",
      json: { active: false },
      expect: refused,
    },
    {
      name: "make a signed link",
      path: "/api/v1/signed-links",
      json: { amount: "1.00", currency: "USD", orderId: "SCOPE-1" },
      expect: refused,
    },
    {
      name: "refund with a refund body that is itself hostile (the scope is checked first)",
      path: "/api/v1/checkouts/{co}/refunds",
      body: "{not json",
      headers: { "content-type": "application/json" },
      expect: refused,
    },
  ] satisfies Omit<HostileCase, "apiKey">[]
).map((c) => ({ ...c, apiKey: "default-scopes" as const }));

export const scopes: Endpoint[] = [{ endpoint: "/api/v1/… with a key of the default scopes", cases }];
