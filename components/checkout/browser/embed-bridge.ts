/**
 * In embed mode (?embed=1, added by /embed.js) and inside a frame, tells the merchant's page what
 * happens: `opened` once, then `paid` or `expired` once each as the status reaches them, and
 * `close` when the customer presses Escape in here. Nothing is posted unless the framing page's
 * origin may frame the checkout (see embed-messages.ts).
 */
import { EMBED_SOURCE, embedTarget, messageForState, parentOriginOf, type EmbedMessage, type EmbedMessageType } from "./embed-messages";

export function embedBridge(origins: string[], info: { checkoutId: string; orderId: string }): (state: string) => void {
  const target = embedTarget(parentOriginOf(window), origins, window.location.origin);
  const sent = new Set<string>();
  let state = "";
  const post = (type: EmbedMessageType, once: boolean) => {
    if (!target || (once && sent.has(type))) return;
    sent.add(type);
    const message: EmbedMessage = { source: EMBED_SOURCE, type, checkoutId: info.checkoutId, orderId: info.orderId, state };
    window.parent.postMessage(message, target);
  };
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !e.defaultPrevented) post("close", false);
  });
  return (next: string) => {
    state = next;
    post("opened", true);
    const reached = messageForState(next);
    if (reached) post(reached, true);
  };
}
