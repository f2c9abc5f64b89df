// Every locale's catalog. They are small, so all are bundled; only the chosen one is sent to the browser.
import type { Locale } from "../locales";
import { ar } from "./ar";
import { de } from "./de";
import { en, type Messages } from "./en";
import { es } from "./es";
import { fr } from "./fr";
import { ja } from "./ja";
import { pt } from "./pt";
import { zh } from "./zh";

export const CATALOGS: Record<Locale, Messages> = { en, de, fr, es, pt, ja, zh, ar };
