/**
 * The time left to pay, from the server's clock (not the device's). The visible clock ticks every
 * second; the screen-reader text changes once a minute and in the last minute, so it is announced
 * politely without flooding.
 */
import { formatDuration, formatInteger } from "@/lib/i18n/format";
import { cx, html, type Html } from "./html";
import { translator, type ScreenModel } from "./model";

const SOON_MS = 3 * 60_000;

export function countdownTexts(m: ScreenModel, now: number) {
  const t = translator(m);
  const left = Date.parse(m.status.expiresAt) - now;
  const soon = left <= SOON_MS;
  const minutes = Math.ceil(left / 60_000);
  const time = formatDuration(left, m.locale);
  return {
    soon,
    visible: soon ? t("expiringSoon", { time }) : t("expiresIn", { time }),
    spoken: minutes > 1 ? t("minutesLeft", { minutes: formatInteger(minutes, m.locale) }) : t("oneMinuteLeft"),
  };
}

export const countdownClass = (soon: boolean) =>
  cx("flex items-center justify-between rounded-lg px-3 py-2 text-sm", soon ? "bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-100" : "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300");

/** With `now` null the texts are left empty for the browser's ticker to fill in the same frame. */
export function renderCountdown(m: ScreenModel, now: number | null): Html {
  const texts = now === null ? { soon: false, visible: "", spoken: "" } : countdownTexts(m, now);
  return html`<div data-countdown class="${countdownClass(texts.soon)}"><span aria-hidden="true" data-testid="countdown">${texts.visible}</span><span class="sr-only" role="timer" aria-live="polite" aria-atomic="true">${texts.spoken}</span></div>`;
}
