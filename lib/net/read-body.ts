/**
 * A request body's bytes, read up to `limit` and refused past it as they stream in (a client that
 * announces a small Content-Length and sends more is cut off too): for the JSON API
 * (lib/http/json-body.ts) and the Bitfinex-compatible endpoints, which must sign the exact bytes.
 */
export async function readBodyBytes(request: Request, limit: number, tooLarge: () => Error): Promise<Buffer> {
  if (Number(request.headers.get("content-length") ?? "0") > limit) throw tooLarge();
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
