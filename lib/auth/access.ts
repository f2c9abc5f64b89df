/**
 * Who may open what in the dashboard: one table for every dashboard page and dashboard API route,
 * checked on the server by requireAdmin (pages) and dashboardRoute (API routes) in session.ts, so
 * no page or route decides for itself. A path not in the table is the owner's alone.
 * access.test.ts walks app/dashboard and app/api/dashboard and fails when a page, a route or one of
 * its methods has no line here, or a line names a file that is gone.
 *
 * Roles:
 *  - owner: everything.
 *  - cashier: the point of sale and reading checkouts. No refunds, API keys, settings, webhooks,
 *    payment links or users.
 */
export const ROLES = ["owner", "cashier"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = { owner: "Owner", cashier: "Cashier" };

const ALL: readonly Role[] = ROLES;
const OWNER: readonly Role[] = ["owner"];

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
/** PAGE: a page.tsx; the methods: what a route.ts exports. */
export type AccessRule = Partial<Record<"PAGE" | Method, readonly Role[]>>;

/** File-system paths as under app/ ("[id]" for a dynamic segment). */
export const ACCESS: Record<string, AccessRule> = {
  // Pages
  "/dashboard": { PAGE: ALL },
  "/dashboard/checkouts": { PAGE: ALL },
  "/dashboard/checkouts/[id]": { PAGE: ALL },
  "/dashboard/checkouts/new": { PAGE: OWNER },
  "/dashboard/pos": { PAGE: ALL },
  "/dashboard/health": { PAGE: ALL },
  "/dashboard/links": { PAGE: OWNER },
  "/dashboard/webhooks": { PAGE: OWNER },
  "/dashboard/webhooks/[id]": { PAGE: OWNER },
  "/dashboard/api-keys": { PAGE: OWNER },
  "/dashboard/woocommerce": { PAGE: OWNER },
  "/dashboard/greenfield-authorize": { PAGE: OWNER },
  "/dashboard/settings": { PAGE: OWNER },
  "/dashboard/users": { PAGE: OWNER },
  "/dashboard/audit": { PAGE: OWNER },
  "/dashboard/account": { PAGE: ALL },
  // API routes
  "/api/dashboard/checkouts": { POST: OWNER },
  "/api/dashboard/checkouts/export": { GET: ALL },
  "/api/dashboard/checkouts/[id]/complete": { POST: OWNER },
  "/api/dashboard/checkouts/[id]/expire": { POST: OWNER },
  "/api/dashboard/checkouts/[id]/refunds": { POST: OWNER },
  "/api/dashboard/checkouts/[id]/refunds/[refundId]/check": { POST: OWNER },
  "/api/dashboard/checkouts/[id]/refunds/[refundId]/resolve": { POST: OWNER },
  "/api/dashboard/checkouts/[id]/refund-claims": { POST: OWNER },
  "/api/dashboard/checkouts/[id]/refund-claims/[claimId]/approve": { POST: OWNER },
  "/api/dashboard/checkouts/[id]/refund-claims/[claimId]/cancel": { POST: OWNER },
  "/api/dashboard/pos/sales": { POST: ALL },
  "/api/dashboard/conversions": { GET: OWNER, POST: OWNER, DELETE: OWNER },
  "/api/dashboard/go-live": { POST: OWNER },
  "/api/dashboard/limits": { GET: ALL, POST: OWNER },
  "/api/dashboard/notifications/[id]/resend": { POST: OWNER },
  "/api/dashboard/notifications/test": { POST: OWNER },
  "/api/dashboard/payment-links": { POST: OWNER },
  "/api/dashboard/payment-links/[id]": { PATCH: OWNER },
  "/api/dashboard/settings": { PATCH: OWNER },
  "/api/dashboard/mail": { PATCH: OWNER },
  "/api/dashboard/mail/test": { POST: OWNER },
  "/api/dashboard/signed-links": { POST: OWNER },
  "/api/dashboard/webhook": { PUT: OWNER },
  "/api/dashboard/webhook/secret": { POST: OWNER },
  "/api/dashboard/api-keys": { POST: OWNER },
  "/api/dashboard/api-keys/[id]": { DELETE: OWNER },
  "/api/dashboard/bfx-pay-keys": { POST: OWNER },
  "/api/dashboard/bfx-pay-keys/[id]": { DELETE: OWNER },
  "/api/dashboard/users": { POST: OWNER },
  "/api/dashboard/users/[id]": { PATCH: OWNER, DELETE: OWNER },
  "/api/dashboard/audit/export": { GET: OWNER },
  "/api/dashboard/security": { PUT: OWNER },
  "/api/dashboard/account/totp": { POST: ALL },
  "/api/dashboard/account/passkeys": { POST: ALL },
  "/api/dashboard/account/passkeys/[id]": { DELETE: ALL },
};

/**
 * In live mode these need a user who has a second factor (totp.ts): they move money or change
 * where money or notifications go, or who may do so. dashboardRoute refuses them otherwise.
 */
export const SECOND_FACTOR_REQUIRED: Record<string, readonly Method[]> = {
  "/api/dashboard/checkouts/[id]/refunds": ["POST"],
  "/api/dashboard/checkouts/[id]/refunds/[refundId]/resolve": ["POST"],
  "/api/dashboard/checkouts/[id]/refund-claims": ["POST"],
  "/api/dashboard/checkouts/[id]/refund-claims/[claimId]/approve": ["POST"],
  "/api/dashboard/api-keys": ["POST"],
  "/api/dashboard/api-keys/[id]": ["DELETE"],
  "/api/dashboard/bfx-pay-keys": ["POST"],
  "/api/dashboard/bfx-pay-keys/[id]": ["DELETE"],
  "/api/dashboard/webhook": ["PUT"],
  "/api/dashboard/webhook/secret": ["POST"],
  "/api/dashboard/settings": ["PATCH"],
  "/api/dashboard/mail": ["PATCH"],
  "/api/dashboard/conversions": ["POST", "DELETE"],
  "/api/dashboard/go-live": ["POST"],
  "/api/dashboard/users": ["POST"],
  "/api/dashboard/users/[id]": ["PATCH", "DELETE"],
  "/api/dashboard/security": ["PUT"],
};

export function needsSecondFactor(path: string, method: string): boolean {
  const found = accessRuleFor(path);
  return found ? (SECOND_FACTOR_REQUIRED[found.pattern]?.includes(method as Method) ?? false) : true;
}

interface Compiled {
  pattern: string;
  regex: RegExp;
  /** More literal segments wins: /checkouts/new over /checkouts/[id]. */
  literals: number;
}

const compiled: Compiled[] = Object.keys(ACCESS).map((pattern) => {
  const segments = pattern.split("/").filter(Boolean);
  const regex = new RegExp(
    `^/${segments.map((s) => (/^\[.+\]$/.test(s) ? "[^/]+" : s.replace(/[.*+?^${}()|\\]/g, "\\$&"))).join("/")}/?$`,
  );
  return { pattern, regex, literals: segments.filter((s) => !s.startsWith("[")).length };
});

/** The table's line for a concrete path (query string ignored), or null. */
export function accessRuleFor(path: string): { pattern: string; rule: AccessRule } | null {
  const bare = path.split(/[?#]/)[0]!;
  let best: Compiled | null = null;
  for (const c of compiled) if (c.regex.test(bare) && (!best || c.literals > best.literals)) best = c;
  return best ? { pattern: best.pattern, rule: ACCESS[best.pattern]! } : null;
}

/**
 * May this role open this path (a page: "PAGE"; an API route: its method)? Anything the table
 * does not name is the owner's alone; HEAD is GET.
 */
export function roleMay(role: Role, path: string, kind: "PAGE" | string): boolean {
  if (role === "owner") return true;
  const found = accessRuleFor(path);
  const key = (kind === "HEAD" ? "GET" : kind) as keyof AccessRule;
  const roles = found?.rule[key];
  return roles?.includes(role) ?? false;
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
