/** pino's level names, for LOG_LEVEL (kept apart from log.ts so lib/env.ts need not load pino). */
export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
