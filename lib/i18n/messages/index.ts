/**
 * Every locale's catalog: JSON, so next-intl's plugin precompiles the ICU messages at build time
 * (next.config.ts) and the browser gets no message parser. English is the reference: every other
 * locale has exactly its keys (checked by a test). `{name}` is replaced by a value; values are
 * already formatted for the locale. They are small, so all are bundled on the server; only the
 * chosen one is sent to the browser.
 */
import type { Locale } from "../locales";
import ar from "./ar.json";
import de from "./de.json";
import en from "./en.json";
import es from "./es.json";
import fr from "./fr.json";
import ja from "./ja.json";
import pt from "./pt.json";
import zh from "./zh.json";

export type Messages = typeof en;
export type MessageKey = keyof Messages;

export const CATALOGS: Record<Locale, Messages> = { en, de, fr, es, pt, ja, zh, ar };
