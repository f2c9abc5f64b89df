/**
 * The error shape every JSON endpoint answers with, as a zod schema: the one source for the OpenAPI
 * description (lib/openapi/responses.ts) and, inferred from it, the TypeScript types the server
 * (ApiError.toBody) and the browser (the payment page, the dashboard's forms) use.
 */
import { z } from "zod";
import { API_KEY_SCOPES } from "../api-scopes";
import { API_ERROR_CODES, fieldProblemSchema } from "./api-error";

export { fieldProblemSchema, type FieldProblem } from "./api-error";

/** `code` for programs, `message` for people, `field` for the input at fault. */
export const apiProblemSchema = z
  .object({
    code: z.enum(API_ERROR_CODES).describe("stable, for programs (the closed list in lib/errors/api-error.ts)"),
    message: z.string(),
    field: z.string().optional(),
    errors: z.array(fieldProblemSchema).optional(),
    retryAfterSeconds: z.number().int().optional(),
    reason: z.string().optional(),
    available: z.array(z.string()).optional(),
    scope: z.enum(API_KEY_SCOPES).optional().describe("missing_scope: the scope the key lacks"),
  })
  .strict();

/** Every error answer: `{ "error": { … } }`. */
export const errorBodySchema = z.object({ error: apiProblemSchema }).strict();

export type ApiProblem = z.infer<typeof apiProblemSchema>;
export type ErrorBody = z.infer<typeof errorBodySchema>;
