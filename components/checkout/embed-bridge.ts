"use client";
// In embed mode (?embed=1, added by /embed.js) and inside a frame, tells the merchant's page what
// happens: `opened` once, then `paid` or `expired` once each as the status reaches them, and
// `close` when the customer presses Escape in here. Nothing is posted unless the framing page's
// origin may frame the checkout (see embed-messages.ts).
import { useEffect, useRef } from "react";
import { EMBED_SOURCE, embedTarget, messageForState, parentOriginOf, type EmbedMessage, type EmbedMessageType } from "./embed-messages";

/** Given by the server in embed mode: the origins allowed to frame the checkout. */
export interface EmbedOptions {
  origins: string[];
}

export function useEmbedBridge(embed: EmbedOptions | null, info: { checkoutId: string; orderId: string; state: string }) {
  const { checkoutId, orderId, state } = info;
  const origins = embed?.origins.join(" ") ?? null;
  const sent = useRef(new Set<string>());

  useEffect(() => {
    if (origins === null) return;
    const target = embedTarget(parentOriginOf(window), origins.split(" ").filter(Boolean), window.location.origin);
    if (!target) return;
    const post = (type: EmbedMessageType, once: boolean) => {
      const key = `${type}:${checkoutId}`;
      if (once && sent.current.has(key)) return;
      sent.current.add(key);
      const message: EmbedMessage = { source: EMBED_SOURCE, type, checkoutId, orderId, state };
      window.parent.postMessage(message, target);
    };
    post("opened", true);
    const reached = messageForState(state);
    if (reached) post(reached, true);

    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && !e.defaultPrevented) post("close", false);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [origins, checkoutId, orderId, state]);
}
