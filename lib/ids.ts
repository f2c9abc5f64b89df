/**
 * Public identifiers: a short type prefix and 128 random bits in lowercase base32, so an id can
 * be neither guessed nor enumerated (a checkout id is the only key to its payment page).
 */
import { randomBytes } from "node:crypto";
import { base32nopad } from "@scure/base";

export type IdPrefix = "co" | "lnk" | "key" | "evt" | "re" | "usr" | "wh" | "mail" | "rc" | "pk" | "ach";

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${base32nopad.encode(randomBytes(16)).toLowerCase()}`;
}

const ID_RE = /^(co|lnk|key|evt|re|usr|wh|mail|rc|pk|ach)_[a-z2-7]{26}$/;

/** True for a well-formed id of that type; checked before any database lookup. */
export function isId(value: string, prefix: IdPrefix): boolean {
  return ID_RE.test(value) && value.startsWith(prefix + "_");
}
