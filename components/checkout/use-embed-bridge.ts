"use client";
/**
 * In embed mode (?embed=1, added by /embed.js) and inside a frame, tells the merchant's page what
 * happens: `opened` once, then `paid` or `expired` once each as the status reaches them, and
 * `close` when the customer presses Escape in here. Nothing is posted unless the framing page's
 * origin may frame the checkout (see embed-messages.ts).
 */
import { useEffect, useRef } from "react";
import {
  EMBED_SOURCE,
  embedTarget,
  messageForState,
  parentOriginOf,
  type EmbedMessage,
  type EmbedMessageType,
} from "./embed-messages";

function post(origins: string[], message: Omit<EmbedMessage, "source">) {
  const target = embedTarget(parentOriginOf(window), origins, window.location.origin);
  if (target) window.parent.postMessage({ source: EMBED_SOURCE, ...message } satisfies EmbedMessage, target);
}

export function useEmbedBridge(
  embed: { origins: string[] } | null,
  info: { checkoutId: string; orderId: string; state: string },
) {
  const sent = useRef(new Set<EmbedMessageType>());
  const { checkoutId, orderId, state } = info;

  useEffect(() => {
    if (!embed) return;
    const once = (type: EmbedMessageType) => {
      if (sent.current.has(type)) return;
      sent.current.add(type);
      post(embed.origins, { type, checkoutId, orderId, state });
    };
    once("opened");
    const reached = messageForState(state);
    if (reached) once(reached);
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && !e.defaultPrevented) post(embed.origins, { type: "close", checkoutId, orderId, state });
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [embed, checkoutId, orderId, state]);
}
