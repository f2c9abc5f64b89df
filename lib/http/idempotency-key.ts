/** The Idempotency-Key request header, checked: 1 to 255 visible ASCII characters, or none. */
import { ApiError } from "./api-error";

export function readIdempotencyKey(request: Request): string | null {
  const key = request.headers.get("idempotency-key");
  if (key !== null && !/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new ApiError(400, "invalid_header", "Idempotency-Key: must be 1 to 255 visible ASCII characters.", "Idempotency-Key");
  }
  return key;
}
