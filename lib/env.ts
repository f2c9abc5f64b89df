/**
 * Configuration, parsed once from the environment with a schema. A half configuration
 * (a key without its secret, a malformed URL) is an error that names the variable;
 * nothing silently falls back to an empty string.
 */
import { z } from "zod";
import { API_KEY_SCOPES, parseScopeList, type ApiKeyScope } from "./api-scopes";
import { embedOriginProblem } from "./net/embed-origin-rules";
import { webhookUrlProblem } from "./net/webhook-url-rules";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().optional());
const optionalUrl = z.preprocess(
  blankToUndefined,
  z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), "must start with http:// or https://")
    .optional(),
);
// A Bitfinex credential that is present but blank is a mistake (an empty secret store, a template
// line left as `BFX_API_KEY=`), never a wish for sandbox mode: sandbox mode turns on a public
// password, a public API key and an unauthenticated control page that fakes payments.
const bitfinexCredential = (name: string) =>
  z
    .string()
    .optional()
    .refine(
      (v) => v === undefined || v.trim() !== "",
      `is set but empty. Give the ${name === "BFX_API_KEY" ? "key" : "secret"} of your Bitfinex API key, or remove the variable altogether for sandbox mode (both BFX_API_KEY and BFX_API_SECRET unset)`,
    );
const port = z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(65535).default(3000));

const schema = z
  .object({
    PORT: port,
    APP_URL: optionalUrl,
    DATA_DIR: z.preprocess(blankToUndefined, z.string().default(".data")),
    DATABASE_URL: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^postgres(ql)?:\/\/\S+$/, "must be a postgres:// or postgresql:// connection URL")
        .optional(),
    ),
    BFX_API_KEY: bitfinexCredential("BFX_API_KEY"),
    BFX_API_SECRET: bitfinexCredential("BFX_API_SECRET"),
    BFX_API_URL: optionalUrl,
    BFX_PUBLIC_API_URL: optionalUrl,
    BFX_TIMEOUT_MS: z.preprocess(blankToUndefined, z.coerce.number().int().min(500).max(60000).default(10000)),
    BFX_SANDBOX_API_KEY: z.preprocess(blankToUndefined, z.string().min(8).default("sandbox-api-key")),
    BFX_SANDBOX_API_SECRET: z.preprocess(blankToUndefined, z.string().min(8).default("sandbox-api-secret")),
    MERCHANT_API_KEY: z.preprocess(
      blankToUndefined,
      z.string().min(24, "must be at least 24 characters").max(200).optional(),
    ),
    // Read by lib/observability/log.ts from the environment directly (it sits below this module);
    // validated here so that a typo stops the app at start instead of silently logging at info.
    LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(LOG_LEVELS).optional()),
    LOG_FORMAT: z.preprocess(blankToUndefined, z.enum(["json", "pretty"]).optional()),
    METRICS_TOKEN: z.preprocess(
      blankToUndefined,
      z
        .string()
        .min(24, "must be at least 24 characters (for example `openssl rand -hex 24`)")
        .max(200)
        .regex(/^[\x21-\x7e]+$/, "must be visible ASCII characters without spaces (it is sent in a header)")
        .optional(),
    ),
    // Unset: every scope, as before scopes existed (README: Keys and scopes).
    MERCHANT_API_KEY_SCOPES: z.preprocess(
      blankToUndefined,
      z
        .string()
        .transform((v, ctx) => {
          const parsed = parseScopeList(v);
          if ("problem" in parsed) {
            ctx.addIssue({ code: "custom", message: parsed.problem });
            return z.NEVER;
          }
          return parsed.scopes;
        })
        .optional(),
    ),
    BACKUP_TOKEN: z.preprocess(
      blankToUndefined,
      z
        .string()
        .min(32, "must be at least 32 characters (for example `openssl rand -hex 32`): it reads the whole database")
        .max(200)
        .regex(/^[\x21-\x7e]+$/, "must be visible ASCII characters without spaces (it is sent in a header)")
        .optional(),
    ),
    LINK_SIGNING_SECRET: z.preprocess(
      blankToUndefined,
      z.string().min(32, "must be at least 32 characters").optional(),
    ),
    ADMIN_USERNAME: z.preprocess(blankToUndefined, z.string().trim().min(1).max(100).default("admin")),
    ADMIN_PASSWORD_HASH: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(
          /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/,
          "must be a hash made by `npm run hash-password`",
        )
        .optional(),
    ),
    NEXTAUTH_SECRET: z.preprocess(blankToUndefined, z.string().min(32, "must be at least 32 characters").optional()),
    EMBED_ORIGINS: z.preprocess(
      blankToUndefined,
      z
        .string()
        .transform((v) =>
          v
            .split(",")
            .map((o) => o.trim())
            .filter(Boolean),
        )
        .optional(),
    ),
    GITHUB_ID: optionalString,
    GITHUB_SECRET: optionalString,
    // Logins can be renamed and then re-registered by someone else; numeric ids never change hands.
    GITHUB_ALLOWED_USERS: optionalString,
    GITHUB_ALLOWED_USER_IDS: z.preprocess(
      blankToUndefined,
      z
        .string()
        .transform((v) =>
          v
            .split(",")
            .map((id) => id.trim())
            .filter(Boolean),
        )
        .refine(
          (ids) => ids.length > 0 && ids.every((id) => /^[1-9]\d{0,15}$/.test(id)),
          "must be comma-separated numeric GitHub user ids such as 583231 (see README: Sign in with GitHub)",
        )
        .optional(),
    ),
    TRUST_PROXY: z.preprocess(
      blankToUndefined,
      z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(0).max(10).optional(),
    ),
    RECONCILE_INTERVAL_MS: z.preprocess(blankToUndefined, z.coerce.number().int().min(1000).max(600_000).default(4000)),
    MERCHANT_WEBHOOK_URL: optionalString,
    // Live mode sends merchant webhooks to public addresses only, unless the operator opts in.
    WEBHOOK_ALLOW_PRIVATE: z.preprocess(
      blankToUndefined,
      z
        .enum(["0", "1", "true", "false"], { error: "must be 1 (allow) or 0" })
        .transform((v) => v === "1" || v === "true")
        .optional(),
    ),
    // E-mail (lib/notifications/mail): unset, no e-mail is ever written or sent.
    SMTP_URL: z.preprocess(
      blankToUndefined,
      z
        .string()
        .refine((u) => {
          try {
            const url = new URL(u);
            return (url.protocol === "smtp:" || url.protocol === "smtps:") && url.hostname !== "";
          } catch {
            return false;
          }
        }, "must be an smtp:// or smtps:// URL such as smtps://user:password@mail.example:465 (percent-encode @ or : in the password)")
        .optional(),
    ),
    MAIL_FROM: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(200)
        .regex(
          /^(?:[^<>@\r\n]*<[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+)$/,
          'must be an e-mail address, or a name and an address such as "Mug Co <checkout@mug.example>"',
        )
        .optional(),
    ),
    MAIL_ALERTS_TO: z.preprocess(
      blankToUndefined,
      z.string().trim().email("must be one e-mail address (the dashboard's settings can change it)").optional(),
    ),
    // Set but blank is a mistake (an empty secret store), never a wish for a generated secret.
    MERCHANT_WEBHOOK_SECRET: z
      .string()
      .optional()
      .refine(
        (v) => v === undefined || v.trim() !== "",
        "is set but empty. Give a secret of at least 32 characters (for example `openssl rand -hex 32`), or remove the variable to let the app make one",
      )
      .refine(
        (v) => v === undefined || v.trim() === "" || v.length >= 32,
        "must be at least 32 characters (for example `openssl rand -hex 32`): receivers verify signatures with it, so it must not be guessable",
      )
      .refine((v) => v === undefined || v.length <= 256, "must be at most 256 characters")
      .refine(
        (v) => v === undefined || v.trim() === "" || /^[\x21-\x7e]+$/.test(v),
        "must be visible ASCII characters only (no spaces or line breaks: a copied newline would make every signature differ)",
      ),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.BFX_API_KEY) !== Boolean(env.BFX_API_SECRET)) {
      const missing = env.BFX_API_KEY ? "BFX_API_SECRET" : "BFX_API_KEY";
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message: "is required when the other half of the Bitfinex key is set",
      });
    }
    if (Boolean(env.GITHUB_ID) !== Boolean(env.GITHUB_SECRET)) {
      ctx.addIssue({
        code: "custom",
        path: [env.GITHUB_ID ? "GITHUB_SECRET" : "GITHUB_ID"],
        message: "is required when the other half of the GitHub OAuth app is set",
      });
    }
    if (env.GITHUB_ALLOWED_USERS) {
      ctx.addIssue({
        code: "custom",
        path: ["GITHUB_ALLOWED_USERS"],
        message:
          "is no longer read: GitHub lets a login be renamed and taken by someone else. Put the numeric user ids in GITHUB_ALLOWED_USER_IDS instead (README: Sign in with GitHub) and remove GITHUB_ALLOWED_USERS",
      });
    } else if (env.GITHUB_ID && !env.GITHUB_ALLOWED_USER_IDS) {
      ctx.addIssue({
        code: "custom",
        path: ["GITHUB_ALLOWED_USER_IDS"],
        message: "is required with GITHUB_ID: the numeric GitHub user ids allowed into the dashboard, comma-separated",
      });
    }
    for (const origin of env.EMBED_ORIGINS ?? []) {
      const problem = embedOriginProblem(origin, env.BFX_API_KEY ? "live" : "sandbox");
      if (problem)
        ctx.addIssue({
          code: "custom",
          path: ["EMBED_ORIGINS"],
          message: `${JSON.stringify(origin)} ${problem} (a comma-separated list such as https://shop.example,https://www.shop.example)`,
        });
    }
    if (env.SMTP_URL && !env.MAIL_FROM)
      ctx.addIssue({
        code: "custom",
        path: ["MAIL_FROM"],
        message: 'is required with SMTP_URL: the sender of every e-mail, such as "Mug Co <checkout@mug.example>"',
      });
    if (env.MERCHANT_WEBHOOK_URL) {
      const problem = webhookUrlProblem(
        env.MERCHANT_WEBHOOK_URL,
        env.BFX_API_KEY ? "live" : "sandbox",
        env.WEBHOOK_ALLOW_PRIVATE === true,
      );
      if (problem) ctx.addIssue({ code: "custom", path: ["MERCHANT_WEBHOOK_URL"], message: problem });
    }
  });

import type { Mode } from "./mode";
import { LOG_LEVELS } from "./observability/log-levels";
import type { TrustProxy } from "./net/client-address";
export type { Mode };

export interface AppConfig {
  mode: Mode;
  port: number;
  /** The origin customers' browsers use; links and redirects are built from it. */
  appUrl: string;
  dataDir: string;
  /** PostgreSQL server; unset means embedded PGlite in DATA_DIR/pglite. */
  databaseUrl: string | null;
  bitfinex: {
    apiKey: string;
    apiSecret: string;
    /** Base for authenticated REST calls (…/v2/auth/…). */
    restUrl: string;
    /** Base for public REST calls (…/v2/ticker/…). */
    publicUrl: string;
    timeoutMs: number;
  };
  sandbox: { apiKey: string; apiSecret: string };
  /**
   * A merchant API key given by the environment (for automation). In sandbox mode it defaults to
   * SANDBOX_MERCHANT_API_KEY so the documented curl examples work on a fresh clone; never in live mode.
   */
  merchantApiKey: string | null;
  /** MERCHANT_API_KEY_SCOPES: what that key may do; unset, every scope. */
  merchantApiKeyScopes: ApiKeyScope[];
  /** HMAC key for signed static links; unset means a random one kept in the database. */
  linkSigningSecret: string | null;
  /** Bearer token for /api/metrics; null: only direct requests from this machine may read it. */
  metricsToken: string | null;
  /** Bearer token for /api/backup; null: only direct requests from this machine (npm run backup). */
  backupToken: string | null;
  /** How often the reconciler makes one Bitfinex call (so at most 60000/interval calls a minute). */
  reconcileIntervalMs: number;
  admin: AdminConfig;
  /** Sites allowed to frame the checkout until the dashboard's settings say otherwise. */
  embedOrigins: string[];
  /** Where merchant notifications go until a URL is set in the dashboard (lib/notifications/settings.ts). */
  merchantWebhookUrl: string | null;
  /** MERCHANT_WEBHOOK_SECRET: signs merchant notifications; set, the dashboard and API cannot rotate it. */
  merchantWebhookSecret: string | null;
  /**
   * Reverse proxies in front of the app, each appending one X-Forwarded-For entry, or "auto" when
   * TRUST_PROXY is unset: one, believed only from a loopback or private peer (lib/net/client-address.ts).
   */
  trustProxy: TrustProxy;
  /** WEBHOOK_ALLOW_PRIVATE=1: live mode may send merchant webhooks to this machine or a private network. */
  webhookAllowPrivate: boolean;
  /** SMTP_URL and MAIL_FROM; null: no e-mail at all. */
  mail: MailConfig | null;
}

export interface MailConfig {
  smtpUrl: string;
  from: string;
  /** MAIL_ALERTS_TO: where merchant alerts go until an address is saved in the dashboard. */
  alertsTo: string | null;
}

/** Who may sign in to the dashboard. */
export interface AdminConfig {
  username: string;
  /** scrypt hash from `npm run hash-password`; null: no password sign-in (except the sandbox's). */
  passwordHash: string | null;
  /** In sandbox mode without a hash, this password works (shown on the sign-in page). */
  sandboxPassword: string | null;
  /** Signs session cookies; null: a random one kept in DATA_DIR (one instance only). */
  authSecret: string | null;
  /** Allowed GitHub accounts by numeric user id (as strings: ids are compared, never computed with). */
  github: { clientId: string; clientSecret: string; allowedUserIds: string[] } | null;
}

export const SANDBOX_ADMIN_PASSWORD = "sandbox";

/** The merchant API key that works in sandbox mode when MERCHANT_API_KEY is unset. */
export const SANDBOX_MERCHANT_API_KEY = "sk_sandbox_0123456789abcdefghijkl";

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const trimSlash = (u: string) => u.replace(/\/+$/, "");

/** Parses an environment (process.env by default) into the app's configuration, or throws ConfigError. */
export function parseConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".") || "(env)"} ${i.message}`));
  }
  const env = parsed.data;
  const mode: Mode = env.BFX_API_KEY ? "live" : "sandbox";
  const appUrl = trimSlash(env.APP_URL ?? `http://localhost:${env.PORT}`);
  // In sandbox mode the app talks to its own built-in Bitfinex over loopback.
  const sandboxBase = `http://127.0.0.1:${env.PORT}/sandbox/bitfinex`;
  return {
    mode,
    port: env.PORT,
    appUrl,
    dataDir: env.DATA_DIR,
    databaseUrl: env.DATABASE_URL ?? null,
    bitfinex: {
      apiKey: env.BFX_API_KEY ?? env.BFX_SANDBOX_API_KEY,
      apiSecret: env.BFX_API_SECRET ?? env.BFX_SANDBOX_API_SECRET,
      restUrl: trimSlash(env.BFX_API_URL ?? (mode === "live" ? "https://api.bitfinex.com" : sandboxBase)),
      publicUrl: trimSlash(env.BFX_PUBLIC_API_URL ?? (mode === "live" ? "https://api-pub.bitfinex.com" : sandboxBase)),
      timeoutMs: env.BFX_TIMEOUT_MS,
    },
    sandbox: { apiKey: env.BFX_SANDBOX_API_KEY, apiSecret: env.BFX_SANDBOX_API_SECRET },
    merchantApiKey: env.MERCHANT_API_KEY ?? (mode === "sandbox" ? SANDBOX_MERCHANT_API_KEY : null),
    merchantApiKeyScopes: env.MERCHANT_API_KEY_SCOPES ?? [...API_KEY_SCOPES],
    linkSigningSecret: env.LINK_SIGNING_SECRET ?? null,
    metricsToken: env.METRICS_TOKEN ?? null,
    backupToken: env.BACKUP_TOKEN ?? null,
    reconcileIntervalMs: env.RECONCILE_INTERVAL_MS,
    embedOrigins: (env.EMBED_ORIGINS ?? []).map((o) => new URL(o).origin),
    admin: {
      username: env.ADMIN_USERNAME,
      passwordHash: env.ADMIN_PASSWORD_HASH ?? null,
      sandboxPassword: mode === "sandbox" && !env.ADMIN_PASSWORD_HASH ? SANDBOX_ADMIN_PASSWORD : null,
      authSecret: env.NEXTAUTH_SECRET ?? null,
      github:
        env.GITHUB_ID && env.GITHUB_SECRET
          ? {
              clientId: env.GITHUB_ID,
              clientSecret: env.GITHUB_SECRET,
              allowedUserIds: env.GITHUB_ALLOWED_USER_IDS ?? [],
            }
          : null,
    },
    merchantWebhookUrl: env.MERCHANT_WEBHOOK_URL ?? null,
    merchantWebhookSecret: env.MERCHANT_WEBHOOK_SECRET ?? null,
    trustProxy: env.TRUST_PROXY ?? "auto",
    webhookAllowPrivate: env.WEBHOOK_ALLOW_PRIVATE ?? false,
    mail:
      env.SMTP_URL && env.MAIL_FROM
        ? { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, alertsTo: env.MAIL_ALERTS_TO ?? null }
        : null,
  };
}

const cache = globalThis as unknown as { __appConfig?: AppConfig };

/** The process's configuration, parsed on first use. */
export function getConfig(): AppConfig {
  return (cache.__appConfig ??= parseConfig());
}
