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
import { greenfieldStatusWord } from "@/lib/greenfield/status";

/**
 * BTCPay's modal messages (/modal/btcpay.js, ?greenfield=1 added by /i/{id}?view=modal): the
 * strings "loaded" and "close", and `{invoiceId, status}` with the Greenfield status word each
 * time it changes; posted beside ours, to the same allowed origin only.
 */
function postGreenfield(origins: string[], message: unknown) {
  const target = embedTarget(parentOriginOf(window), origins, window.location.origin);
  if (target) window.parent.postMessage(message, target);
}

function post(origins: string[], message: Omit<EmbedMessage, "source">) {
  const target = embedTarget(parentOriginOf(window), origins, window.location.origin);
  if (target) window.parent.postMessage({ source: EMBED_SOURCE, ...message } satisfies EmbedMessage, target);
}

export function useEmbedBridge(
  embed: { origins: string[]; greenfield?: boolean } | null,
  info: { checkoutId: string; orderId: string; state: string },
) {
  const sent = useRef(new Set<EmbedMessageType>());
  const lastStatus = useRef<string | null>(null);
  const { checkoutId, orderId, state } = info;

  useEffect(() => {
    if (!embed) return;
    const once = (type: EmbedMessageType) => {
      if (sent.current.has(type)) return;
      sent.current.add(type);
      post(embed.origins, { type, checkoutId, orderId, state });
    };
    // BTCPay's modal (greenfield) hears only BTCPay's messages.
    if (!embed.greenfield) once("opened");
    else {
      if (lastStatus.current === null) postGreenfield(embed.origins, "loaded");
      const word = greenfieldStatusWord(state);
      if (lastStatus.current !== word) {
        lastStatus.current = word;
        postGreenfield(embed.origins, { invoiceId: checkoutId, status: word });
      }
    }
    const reached = messageForState(state);
    if (reached && !embed.greenfield) once(reached);
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented) return;
      if (embed.greenfield) postGreenfield(embed.origins, "close");
      else post(embed.origins, { type: "close", checkoutId, orderId, state });
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [embed, checkoutId, orderId, state]);
}
