/**
 * The configuration check run by scripts/start.mjs before the HTTP server starts, so a bad
 * variable stops the app naming it before anything says "Ready" (instrumentation.ts checks again
 * inside the server, for `next start` and `npm run dev`). Bundled on its own into the standalone
 * folder by scripts/prepare-standalone.mjs: it imports the configuration and nothing that starts work.
 */
import { ConfigError, parseConfig } from "../env";

/** The message naming each bad variable, or null when the environment is a valid configuration. */
export function configProblem(env: Record<string, string | undefined> = process.env): string | null {
  try {
    parseConfig(env);
    return null;
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
}
