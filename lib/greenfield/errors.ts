/**
 * Errors as BTCPay's Greenfield API sends them (its swagger's ProblemDetails and
 * ValidationProblemDetails): `{code, message}` with the status BTCPay uses, or for bad input
 * HTTP 422 with a list of `{path, message}`. The PHP client puts the body in its exception's
 * message, so the plugins show these sentences to the merchant.
 */
export class GreenfieldError extends Error {
  constructor(
    readonly status: number,
    readonly body: { code: string; message: string; [k: string]: unknown } | Array<{ path: string; message: string }>,
  ) {
    super(Array.isArray(body) ? body.map((b) => `${b.path}: ${b.message}`).join("; ") : body.message);
  }
}

export const unauthenticated = (message = "Authentication is required for accessing this endpoint") =>
  new GreenfieldError(401, { code: "unauthenticated", message });

export const missingPermission = (permission: string) =>
  new GreenfieldError(403, {
    code: "missing-permission",
    message: `Insufficient API Permissions. Please use an API key with permission "${permission}". You can create a key with the needed scope in this app's dashboard, Settings → API keys.`,
    missingPermission: permission,
  });

export const storeNotFound = () =>
  new GreenfieldError(404, { code: "store-not-found", message: "The store was not found" });

export const invoiceNotFound = () =>
  new GreenfieldError(404, { code: "invoice-not-found", message: "The invoice was not found" });

export const webhookNotFound = () =>
  new GreenfieldError(404, { code: "webhook-not-found", message: "The webhook was not found" });

export const validation = (problems: Array<{ path: string; message: string }>) => new GreenfieldError(422, problems);

export const invalidBody = (message: string) => new GreenfieldError(400, { code: "invalid-request-body", message });
