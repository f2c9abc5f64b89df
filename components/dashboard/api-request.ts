// One dashboard API call as the dashboard's forms and dialogs make it: JSON in, the answer's body
// and its problems out (the error body of lib/errors/error-body.ts), never a throw.
import type { ApiProblem, FieldProblem } from "@/lib/errors/error-body";

/** 128 random bits as hex; getRandomValues works on plain http too (randomUUID needs https). */
export function newKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

export interface ApiAnswer {
  ok: boolean;
  // The route's JSON answer (each caller knows its shape); null when nothing readable came back.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  /** The error, or null on success and when the server could not be reached. */
  problem: ApiProblem | null;
  /** The fields at fault: the error's `errors`, or its one `field` with the message after "field: ". */
  problems: FieldProblem[];
}

export async function sendJson(
  action: string,
  { method = "POST", body, idempotencyKey }: { method?: string; body: unknown; idempotencyKey?: string },
): Promise<ApiAnswer> {
  const res = await fetch(action, {
    method,
    headers: { "content-type": "application/json", ...(idempotencyKey && { "idempotency-key": idempotencyKey }) },
    body: JSON.stringify(body),
  }).catch(() => null);
  const answer = res ? await res.json().catch(() => null) : null;
  if (res?.ok) return { ok: true, body: answer, problem: null, problems: [] };
  const problem: ApiProblem | null = answer?.error ?? null;
  const problems: FieldProblem[] =
    problem?.errors ??
    (problem?.field ? [{ field: problem.field, message: String(problem.message).replace(/^[^:]*:\s*/, "") }] : []);
  return { ok: false, body: answer, problem, problems };
}

/**
 * The signed-in user's passkey answering a fresh step-up challenge (POST
 * /api/dashboard/account/passkeys), or null when there is no prompt or it was closed.
 */
export async function passkeyProof(): Promise<unknown | null> {
  const answer = await sendJson("/api/dashboard/account/passkeys", { body: { action: "auth-options" } });
  const options = answer.ok ? answer.body?.options : null;
  if (!options) return null;
  const { startAuthentication } = await import("@simplewebauthn/browser");
  try {
    return await startAuthentication({ optionsJSON: options });
  } catch {
    return null;
  }
}
