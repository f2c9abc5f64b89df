/**
 * The first owner's user id, derived from ADMIN_USERNAME: the same on every instance and every
 * start, so the row (users.ts ensureFirstOwner) can be written by whichever instance needs it
 * first, and a session made for it (session.ts) is recognised before the row exists. An id is not
 * a secret: a session is only believed when signed with the session secret.
 */
import { createHash } from "node:crypto";
import { base32nopad } from "@scure/base";

export function firstOwnerId(adminUsername: string): string {
  const digest = createHash("sha256").update(`first-owner:${adminUsername.trim().toLowerCase()}`).digest();
  return `usr_${base32nopad.encode(digest).toLowerCase().slice(0, 26)}`;
}
