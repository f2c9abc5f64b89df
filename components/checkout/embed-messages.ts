// What the payment page says to a merchant's page that frames it (through /embed.js), and to
// whom. Pure functions, so they are tested without a browser; the hook is embed-bridge.ts.
import { isSettled } from "@/lib/checkouts/state-machine";

/** Every message carries this, so the merchant's page can tell ours from its own. */
export const EMBED_SOURCE = "bitfinex-checkout";

/**
 * `opened`, `paid` and `expired` are reported to the merchant's page. `close` is the customer
 * pressing Escape inside the frame (keys pressed there never reach the page around it): embed.js
 * closes its overlay and does not pass it on.
 */
export type EmbedMessageType = "opened" | "paid" | "expired" | "close";

export interface EmbedMessage {
  source: typeof EMBED_SOURCE;
  type: EmbedMessageType;
  checkoutId: string;
  orderId: string;
  state: string;
}

/** The message a state earns once reached: a late payment is still a payment (state `paid_late`). */
export function messageForState(state: string): "paid" | "expired" | null {
  if (isSettled(state)) return "paid";
  if (state === "expired") return "expired";
  return null;
}

/**
 * The origin to post to: the framing page's origin when it may frame the checkout (this app
 * itself, or one of the merchant's allowed origins), otherwise null and nothing is posted.
 */
export function embedTarget(
  parentOrigin: string | null,
  allowed: readonly string[],
  selfOrigin: string,
): string | null {
  if (!parentOrigin || parentOrigin === "null") return null;
  return parentOrigin === selfOrigin || allowed.includes(parentOrigin) ? parentOrigin : null;
}

/**
 * The origin of the page around this frame, or null when there is none or it cannot be known.
 * `location.ancestorOrigins` (Chromium, Safari) is the browser's own answer; elsewhere the
 * referrer, which a redirect through /l or /s keeps and which a merchant's `no-referrer` policy
 * hides (then nothing is posted).
 */
export function parentOriginOf(win: Pick<Window, "parent" | "location" | "document">): string | null {
  if (win.parent === win) return null;
  const ancestors = win.location.ancestorOrigins;
  if (ancestors && ancestors.length > 0) return ancestors[0] ?? null;
  try {
    return win.document.referrer ? new URL(win.document.referrer).origin : null;
  } catch {
    return null;
  }
}
