// PATCH /api/dashboard/users/{id} — {"role"}, {"password"}, or {"secondFactor": "off"} (for a user who
// lost their phone and recovery codes): each ends the user's sessions at once.
// DELETE /api/dashboard/users/{id} — removes the user; their sessions stop on the next request.
// Owners only (access.ts); the last owner can be neither demoted nor removed (409 last_owner).
import { z } from "zod";
import { ROLES } from "@/lib/auth/access";
import { dashboardRoute } from "@/lib/auth/session";
import { removeSecondFactor } from "@/lib/auth/totp";
import { changeRole, findUserById, removeUser, setPassword } from "@/lib/auth/users";
import { notFound } from "@/lib/errors/api-error";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

const patchSchema = z.union([
  z.object({ role: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }) }).strict(),
  z.object({ password: z.string({ error: "is required" }).max(1000, "must be at most 1000 characters") }).strict(),
  z.object({ secondFactor: z.literal("off", { error: 'must be "off"' }) }).strict(),
]);

export const PATCH = dashboardRoute<Ctx>(async (request, { params }, { services, audit }) => {
  const id = (await params).id;
  const parsed = patchSchema.parse(await readJsonBody(request));
  if ("role" in parsed) {
    const change = await changeRole(services.deps.db, id, parsed.role);
    if (!change) throw notFound("The user");
    if (change.from !== change.to) await audit("user.role_changed", id, { role: change });
    return jsonResponse({ id, role: change.to });
  }
  if ("secondFactor" in parsed) {
    const user = await findUserById(services.deps.db, id);
    if (!user) throw notFound("The user");
    await removeSecondFactor(services.deps.db, id);
    await audit("totp.removed", id, { login: user.login, hadOne: Boolean(user.totpEnabledAt) });
    return jsonResponse({ id, secondFactor: "off" });
  }
  if (!(await setPassword(services.deps.db, id, parsed.password))) throw notFound("The user");
  await audit("user.password_changed", id, null);
  return jsonResponse({ id });
});

export const DELETE = dashboardRoute<Ctx>(async (_request, { params }, { services, audit }) => {
  const id = (await params).id;
  const gone = await removeUser(services.deps.db, id);
  if (!gone) throw notFound("The user");
  await audit("user.removed", id, { login: gone.login, name: gone.name, role: gone.role });
  return jsonResponse({ id, removed: true });
});
