/**
 * Everything the payment screen shows, as one plain object: the checkout as the server sent it,
 * the latest status poll, and what the customer is doing right now (chosen currency, a payment
 * being prepared, a problem to show). The render functions are pure over it, so the server's first
 * paint and the browser's updates are the same code.
 */
import { translate } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import type { MessageKey, Messages } from "@/lib/i18n/messages/en";
import type { ApiProblem, CheckoutStatus, CheckoutView } from "./types";

export interface ScreenModel {
  view: CheckoutView;
  status: CheckoutStatus;
  locale: Locale;
  messages: Messages;
  merchant: { name: string; logoUrl: string | null };
  /** A link or signed-link checkout that expired unpaid can be started again. */
  canRestart: boolean;
  /** Embed mode (?embed=1): the merchant's page around the frame decides what comes next. */
  embed: { origins: string[] } | null;
  /** The currency checked when the page was served; later choices live in the radios themselves. */
  initialSelected: string | null;
  selected: string | null;
  busy: boolean;
  problem: ApiProblem | null;
  needsDetails: boolean;
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export const translator = (m: Pick<ScreenModel, "messages">): Translate => (key, vars) => translate(m.messages, key, vars);

/** Which screen the card shows; a change of mode replaces the card, anything else updates parts of it. */
export function screenMode(m: ScreenModel): string {
  if (m.status.final || m.status.state === "expired") return `final:${m.status.state}`;
  return m.view.unavailable ? "unavailable" : "active";
}

/** The instructions for the chosen currency, once the server has prepared them. */
export const currentPayment = (m: ScreenModel) => (m.view.payment && m.view.payment.payCurrency === m.selected ? m.view.payment : null);

export function initialModel(base: Omit<ScreenModel, "status" | "initialSelected" | "selected" | "busy" | "problem" | "needsDetails">): ScreenModel {
  const selected = base.view.payment?.payCurrency ?? null;
  return { ...base, status: base.view.status, initialSelected: selected, selected, busy: false, problem: null, needsDetails: false };
}
