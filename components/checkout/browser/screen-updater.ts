/**
 * Keeps the card in step with the model. A change of mode (active → paid, say) replaces the card
 * and moves focus to the new heading. Otherwise only what changed is replaced: each region of the
 * active card, or the final card as a whole (an expired checkout still watched can learn that part
 * of a payment arrived). Focus inside a replaced part is put back on its counterpart, and the
 * chosen radio stays chosen. The countdown and the redirect countdown tick in place, once a second.
 */
import { countdownClass, countdownTexts } from "../countdown";
import { redirectText, returnTarget } from "../final-state";
import { safeHref } from "../html";
import { screenMode, type ScreenModel } from "../model";
import { REDIRECT_SECONDS, REGIONS, renderCard, renderRegion, type Region } from "../screen";

export function screenUpdater(card: HTMLElement, m: ScreenModel, serverNow: () => number) {
  let mode: string | null = null;
  let cardMarkup = "";
  const shown = new Map<Region, string>();
  let redirectAt: number | null = null;

  /**
   * `adopt`: the card on screen is the server's rendering of this model; take it as it is (only
   * the tickers fill in), rather than replace it with the same thing, which would paint the page's
   * largest content a second time and push Largest Contentful Paint back.
   */
  function update(how: "adopt" | "diff" = "diff") {
    const next = screenMode(m);
    const markup = next === "active" ? null : String(renderCard(m, null));
    if (how === "adopt" || next !== mode) {
      if (how !== "adopt") card.innerHTML = markup ?? String(renderCard(m, null));
      shown.clear();
      for (const r of REGIONS) shown.set(r, String(renderRegion(m, r, null)));
      if (next.startsWith("final:")) card.querySelector<HTMLElement>("[data-final-heading]")?.focus();
      redirectAt = next === "final:paid" && returnTarget(m) ? Date.now() + REDIRECT_SECONDS * 1000 : null;
      mode = next;
    } else if (markup === null) {
      for (const r of REGIONS) {
        const regionMarkup = String(renderRegion(m, r, null));
        if (shown.get(r) === regionMarkup) continue;
        const el = card.querySelector<HTMLElement>(`[data-region="${r}"]`);
        if (el) replaceKeepingFocus(el, regionMarkup);
        shown.set(r, regionMarkup);
      }
    } else if (markup !== cardMarkup) {
      replaceKeepingFocus(card, markup);
    }
    cardMarkup = markup ?? "";
    // The radios are the customer's: whatever was re-rendered, the chosen one stays checked.
    const chosen = m.selected ? card.querySelector<HTMLInputElement>(`input[name=payCurrency][value="${CSS.escape(m.selected)}"]`) : null;
    if (chosen && !chosen.checked) chosen.checked = true;
    const submit = card.querySelector<HTMLButtonElement>("#details button[type=submit]");
    if (submit) submit.disabled = m.busy;
    tick();
  }

  function tick() {
    const countdown = card.querySelector<HTMLElement>("[data-countdown]");
    if (countdown) {
      const texts = countdownTexts(m, serverNow());
      setText(countdown.querySelector("[data-testid=countdown]"), texts.visible);
      setText(countdown.querySelector("[role=timer]"), texts.spoken);
      const tone = countdownClass(texts.soon);
      if (countdown.className !== tone) countdown.className = tone;
    }
    const redirect = card.querySelector<HTMLElement>("[data-redirect]");
    if (redirect && redirectAt !== null) {
      const seconds = Math.ceil((redirectAt - Date.now()) / 1000);
      setText(redirect, redirectText(m, seconds));
      if (seconds <= 0) {
        redirectAt = null;
        window.location.assign(safeHref(redirect.dataset.redirect ?? "#"));
      }
    }
  }

  setInterval(tick, 1000);
  return update;
}

/** Only touches the DOM when the text differs, so a live region is not re-announced every second. */
function setText(el: Element | null, text: string) {
  if (el && el.textContent !== text) el.textContent = text;
}

/** How to find "the same" control again after its region was re-rendered. */
function focusSelector(el: Element): string | null {
  if (el instanceof HTMLInputElement && el.name) return `input[name="${CSS.escape(el.name)}"][value="${CSS.escape(el.value)}"]`;
  if (el instanceof HTMLButtonElement && el.dataset.action) return `button[data-action="${CSS.escape(el.dataset.action)}"][data-label="${CSS.escape(el.dataset.label ?? "")}"]`;
  if (el.id) return `#${CSS.escape(el.id)}`;
  return null;
}

function replaceKeepingFocus(el: HTMLElement, markup: string) {
  const focused = document.activeElement;
  const selector = focused && el.contains(focused) ? focusSelector(focused) : null;
  el.innerHTML = markup;
  if (selector) el.querySelector<HTMLElement>(selector)?.focus();
}
