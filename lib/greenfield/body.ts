/**
 * A Greenfield request body: JSON (any content type, as BTCPay reads it), at most 64 KB. Amounts
 * are strings from the PHP client; a JSON number is taken as its literal digits, never a float.
 */
import { parseJsonLossless } from "../json/lossless-json";
import { invalidBody, validation } from "./errors";

const LIMIT = 64 * 1024;

export async function readGreenfieldBody(request: Request): Promise<{ body: Record<string, unknown>; text: string }> {
  if (Number(request.headers.get("content-length") ?? "0") > LIMIT)
    throw invalidBody("The request body is larger than 64 KB.");
  const text = await request.text();
  if (text.length > LIMIT) throw invalidBody("The request body is larger than 64 KB.");
  if (!text.trim()) return { body: {}, text };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalidBody("The request body is not valid JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw invalidBody("The request body must be a JSON object.");
  return { body: body as Record<string, unknown>, text };
}

/**
 * The top-level `amount` as written: a string as is, a number as its digits, null/absent as null;
 * anything else a 422 on `path` (invoices say "amount", pull payments BTCPay's "Amount").
 */
export function amountLiteral(body: Record<string, unknown>, text: string, path = "amount"): string | null {
  const a = body.amount;
  if (a === undefined || a === null) return null;
  if (typeof a === "string") return a.trim();
  if (typeof a === "number") {
    // The lossless parser gives a fraction as its literal text, a safe integer as a number.
    const raw = (parseJsonLossless(text) as Record<string, unknown>).amount;
    if (typeof raw === "string" || typeof raw === "number") return String(raw);
  }
  throw validation([{ path, message: 'must be a decimal string such as "10.00"' }]);
}
