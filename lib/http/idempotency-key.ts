/** The Idempotency-Key request header, checked: 1 to 255 visible ASCII characters, or none. */
import { ApiError } from "../errors/api-error";

export function readIdempotencyKey(request: Request): string | null {
  const key = request.headers.get("idempotency-key");
  if (key !== null && !/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new ApiError({
      code: "invalid_header",
      message: "Idempotency-Key: must be 1 to 255 visible ASCII characters.",
      field: "Idempotency-Key",
    });
  }
  return key;
}
