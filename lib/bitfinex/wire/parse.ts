import type { z } from "zod";
import { BitfinexError } from "../errors";

/** Parses an answer with a schema; a shape we do not know becomes a `malformed` BitfinexError. */
export function parseWire<S extends z.ZodType>(schema: S, body: unknown, endpoint: string): z.output<S> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const where = result.error.issues[0];
    throw new BitfinexError({
      kind: "malformed",
      endpoint,
      upstreamMessage: `unexpected shape at ${where?.path.join(".") || "(root)"}: ${where?.message ?? "?"}`,
    });
  }
  return result.data;
}
