// POST /api/dashboard/users — {"name", "login", "email"?, "githubLogin"?, "password"?, "role"}: a new
// dashboard user (owners only, access.ts). The password is stored as a scrypt hash, never shown.
import { z } from "zod";
import { ROLES } from "@/lib/auth/access";
import { dashboardRoute } from "@/lib/auth/session";
import { addUser } from "@/lib/auth/users";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const createSchema = z
  .object({
    name: z.string({ error: "is required" }).trim().min(1, "is required").max(100, "must be at most 100 characters"),
    login: z.string({ error: "is required" }).trim().min(1, "is required").max(100, "must be at most 100 characters"),
    email: z.preprocess(blank, z.email("is not an email address").max(200).optional()),
    githubLogin: z.preprocess(blank, z.string().trim().max(39, "is not a GitHub login").optional()),
    password: z.preprocess(blank, z.string().max(1000).optional()),
    role: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }),
  })
  .strict();

export const POST = dashboardRoute(async (request, _ctx, { services, audit }) => {
  const parsed = createSchema.parse(await readJsonBody(request));
  const user = await addUser(services.deps.db, parsed);
  await audit("user.added", user.id, {
    login: user.login,
    name: user.name,
    role: user.role,
    githubLogin: user.githubLogin,
    password: Boolean(user.passwordHash),
  });
  return jsonResponse({ id: user.id, login: user.login, name: user.name, role: user.role }, 201);
});
