/**
 * Keeps the card in step with the model. A change of mode (active → paid, say) replaces the card
 * and moves focus to the new heading; otherwise each region is re-rendered only if its markup
 * changed. The countdown and the redirect countdown tick in place, once a second.
 */
import { countdownClass, countdownTexts } from "../countdown";
import { redirectText, returnTarget } from "../final-state";
import { screenMode, type ScreenModel } from "../model";
import { REDIRECT_SECONDS, REGIONS, renderCard, renderRegion, type Region } from "../screen";

export function screenUpdater(card: HTMLElement, m: ScreenModel, serverNow: () => number) {
  let mode: string | null = null;
  const shown = new Map<Region, string>();
  let redirectAt: number | null = null;

  function update(force = false) {
    const next = screenMode(m);
    if (force || next !== mode) {
      card.innerHTML = String(renderCard(m, null));
      shown.clear();
      for (const r of REGIONS) shown.set(r, String(renderRegion(m, r, null)));
      if (next.startsWith("final:")) card.querySelector<HTMLElement>("[data-final-heading]")?.focus();
      redirectAt = next === "final:paid" && returnTarget(m) ? Date.now() + REDIRECT_SECONDS * 1000 : null;
      mode = next;
    } else if (next === "active") {
      for (const r of REGIONS) {
        const markup = String(renderRegion(m, r, null));
        if (shown.get(r) === markup) continue;
        const el = card.querySelector(`[data-region="${r}"]`);
        if (el) el.innerHTML = markup;
        shown.set(r, markup);
      }
    }
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
        window.location.assign(redirect.dataset.redirect!);
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
