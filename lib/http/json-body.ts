/**
 * Reads a request's JSON body defensively: JSON content type only, a size cap enforced while
 * streaming (a lying Content-Length cannot get past it), and a clear error for each failure.
 */
import { ApiError } from "../errors/api-error";
import { readBodyBytes } from "../net/read-body";

export const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * `anyContentType`: read the body as JSON whatever the Content-Type says (for callers that do not
 * send one reliably, such as Bitfinex's webhook); the size cap and JSON checks still apply.
 */
export async function readJsonBody(
  request: Request,
  limit = DEFAULT_BODY_LIMIT,
  opts: { anyContentType?: boolean } = {},
): Promise<unknown> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json" && !opts.anyContentType) {
    throw new ApiError({
      code: "unsupported_media_type",
      message: "Send the body as JSON with Content-Type: application/json.",
      field: "content-type",
    });
  }
  const text = await readText(request, limit);
  if (!text.trim())
    throw new ApiError({
      code: "invalid_json",
      message: "The request body is empty; send a JSON object.",
      field: "body",
    });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError({
      code: "invalid_json",
      message: "The request body is not valid JSON.",
      field: "body",
    });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ApiError({
      code: "invalid_json",
      message: "The request body must be a JSON object.",
      field: "body",
    });
  }
  return value;
}

function tooLarge(limit: number) {
  return new ApiError({
    code: "body_too_large",
    message: `The request body is larger than ${Math.round(limit / 1024)} KB.`,
    field: "body",
  });
}

async function readText(request: Request, limit: number): Promise<string> {
  const bytes = await readBodyBytes(request, limit, () => tooLarge(limit));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError({
      code: "invalid_json",
      message: "The request body is not valid UTF-8.",
      field: "body",
    });
  }
}
