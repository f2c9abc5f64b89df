/**
 * The app's logger (pino): JSON lines in production (one object per line, for Loki, CloudWatch,
 * journald…), readable lines in development (pino-pretty, in process). LOG_LEVEL (trace … fatal,
 * default info) and LOG_FORMAT (json | pretty) override; lib/env.ts validates both at start.
 *
 * Every line written inside a request carries its `requestId` and, where known, `checkoutId`
 * (log-context.ts). Secrets and customer details are removed by pino's own redaction (REDACTED_PATHS,
 * tested in log.test.ts): log them as fields, never inside the message text, which is not redacted.
 */
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";
import { currentLogContext } from "./log-context";

/** Fields never written, at the top level or one object down (`*.x`) or inside `headers`. */
export const REDACTED_PATHS = [
  "apiKey",
  "apiSecret",
  "secret",
  "password",
  "passwordHash",
  "token",
  "signature",
  "authorization",
  "cookie",
  "email",
  "fullName",
  "customerInfo",
  "address",
  "*.apiKey",
  "*.apiSecret",
  "*.secret",
  "*.password",
  "*.passwordHash",
  "*.token",
  "*.signature",
  "*.authorization",
  "*.cookie",
  "*.email",
  "*.fullName",
  "*.customerInfo",
  "*.address",
  'headers["bfx-apikey"]',
  'headers["bfx-signature"]',
  'headers["x-checkout-signature"]',
  'headers["set-cookie"]',
  '*.headers["bfx-apikey"]',
  '*.headers["bfx-signature"]',
  '*.headers["x-checkout-signature"]',
  '*.headers["set-cookie"]',
];

export function createLogger(
  options: { level?: string; format?: "json" | "pretty"; destination?: pino.DestinationStream } = {},
): Logger {
  const format = options.format ?? (process.env.NODE_ENV === "production" ? "json" : "pretty");
  const destination =
    options.destination ??
    (format === "pretty" ? pretty({ sync: true, colorize: false, translateTime: "SYS:HH:MM:ss.l" }) : undefined);
  const settings: pino.LoggerOptions = {
    level: options.level ?? "info",
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    // The request's id and checkout, on every line written while handling it.
    mixin: () => ({ ...currentLogContext() }),
    formatters: { level: (label) => ({ level: label }) },
  };
  return destination ? pino(settings, destination) : pino(settings);
}

const holder = globalThis as unknown as { __logger?: Logger };

/** The process's logger, configured from LOG_LEVEL and LOG_FORMAT. */
export function log(): Logger {
  return (holder.__logger ??= createLogger({
    level: process.env.LOG_LEVEL || undefined,
    format: (process.env.LOG_FORMAT as "json" | "pretty" | undefined) || undefined,
  }));
}

/**
 * For code that takes a `(line: string) => void` (the checkout engine's deps, the deliverer): an
 * info line through the logger, so it gets the level, time and request context too.
 */
export function logLine(line: string): void {
  log().info(line);
}
