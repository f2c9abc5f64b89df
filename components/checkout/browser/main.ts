/**
 * The payment page in the customer's browser, without a framework: the server sends the page
 * already rendered plus the checkout as JSON (#checkout-data); this script re-renders parts of it
 * with the same functions as things change. It starts a payment when a currency is chosen, asks
 * for the customer's details when Bitfinex needs them, polls the status, and ends on the outcome.
 */
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { validateDetails } from "../details-form";
import { initialModel, translator, type ScreenModel } from "../model";
import { restartCheckout, startPayment } from "./api";
import { copyFrom } from "./copy";
import { readDetails, showDetailErrors } from "./details";
import { embedBridge } from "./embed-bridge";
import { startPolling } from "./poller";
import { screenUpdater } from "./screen-updater";

type PageData = Parameters<typeof initialModel>[0];

function boot() {
  const dataNode = document.getElementById("checkout-data");
  const card = document.getElementById("card");
  if (!dataNode || !card) return;
  const m: ScreenModel = initialModel(JSON.parse(dataNode.textContent ?? "{}") as PageData);
  const t = translator(m);
  // Server clock minus this device's clock: the countdown trusts the server, not the device.
  let clockOffsetMs = Date.parse(m.status.serverTime) - Date.now();
  const update = screenUpdater(card, m, () => Date.now() + clockOffsetMs);
  const report = m.embed ? embedBridge(m.embed.origins, { checkoutId: m.view.id, orderId: m.view.orderId }) : () => {};
  // A radio the customer chose in the moment before this script ran is still their choice.
  const early = card.querySelector<HTMLInputElement>("input[name=payCurrency]:checked");
  const chosenEarly = early && early.value !== m.initialSelected ? early.value : null;
  update("adopt");
  report(m.status.state);
  if (session("take", LANGUAGE_CHANGED)) {
    // Back from a language change: the customer was on the language menu, so that is where they are.
    document.getElementById("language")?.focus();
  }

  // Each choice gets a ticket; an answer for an older choice (the customer changed their mind
  // while it was being prepared) is dropped.
  let ticket = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  async function pay(symbol: string, customerInfo?: Record<string, string>) {
    const mine = ++ticket;
    clearTimeout(retryTimer);
    m.selected = symbol;
    m.problem = null;
    if (m.view.needsCustomerInfo && !customerInfo) {
      m.needsDetails = true;
      m.busy = false; // an earlier choice still being prepared no longer counts
      return update();
    }
    m.busy = true;
    update();
    const result = await startPayment(m.view.id, { payCurrency: symbol, ...(customerInfo && { customerInfo }) });
    if (mine !== ticket) return;
    m.busy = false;
    if (result.ok) {
      // The return URL came with the page; the payment answer only carries it once final.
      m.view = { ...result.value, redirectUrl: result.value.redirectUrl ?? m.view.redirectUrl };
      m.needsDetails = false;
      return update();
    }
    m.problem = result.problem;
    update();
    const form = card!.querySelector<HTMLFormElement>("#details");
    const fieldErrors = (result.problem.errors ?? []).filter((e) => e.field.startsWith("customerInfo.")).map((e): [string, string] => [e.field.slice("customerInfo.".length), t("fieldInvalid")]);
    if (form && fieldErrors.length) showDetailErrors(form, fieldErrors);
    // Bitfinex busy or slow: try again by itself, as the answer suggests.
    if (result.status === 503 || result.status === 429 || result.status === 0) {
      const wait = (result.problem.retryAfterSeconds ?? 3) * 1000;
      retryTimer = setTimeout(() => void pay(symbol, customerInfo), Math.min(wait, 15_000));
    }
  }

  async function restart(button: HTMLButtonElement) {
    button.disabled = true;
    const result = await restartCheckout(m.view.id);
    // A plain navigation: the payment page is not a React page, there is no router to ask.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    if (result.ok) return window.location.assign(`/pay/${result.value.id}${m.embed ? "?embed=1" : ""}`);
    button.disabled = false;
    let alert = button.parentElement?.querySelector<HTMLElement>("[data-restart-problem]");
    if (!alert) {
      alert = document.createElement("p");
      alert.setAttribute("role", "alert");
      alert.dataset.restartProblem = "";
      alert.className = "text-sm";
      button.after(alert);
    }
    alert.textContent = t(result.problem.code === "restart_not_allowed" ? "errorRestart" : "errorGeneric");
  }

  document.addEventListener("change", (e) => {
    const target = e.target as HTMLInputElement | HTMLSelectElement;
    if (target.name === "payCurrency" && target instanceof HTMLInputElement && target.checked) void pay(target.value);
    if (target.id === "language") {
      session("set", LANGUAGE_CHANGED);
      document.cookie = `${LOCALE_COOKIE}=${encodeURIComponent(target.value)}; path=/; max-age=31536000; samesite=lax`;
      window.location.reload();
    }
  });

  document.addEventListener("click", (e) => {
    const button = (e.target as Element).closest<HTMLButtonElement>("button[data-action]");
    if (button?.dataset.action === "copy") void copyFrom(button);
    if (button?.dataset.action === "restart") void restart(button);
  });

  document.addEventListener("submit", (e) => {
    const form = e.target as HTMLFormElement;
    if (form.id !== "details") return;
    // Never a native submit: it would put the customer's details in a URL.
    e.preventDefault();
    if (!m.selected) return;
    const { values, terms } = readDetails(form);
    const errors = validateDetails(values, terms, t);
    showDetailErrors(form, errors);
    if (errors.length) return;
    const info = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v));
    void pay(m.selected, info);
  });

  startPolling(m.view.id, (answer) => {
    clockOffsetMs = answer.clockOffsetMs;
    m.status = answer.status;
    update();
    report(answer.status.state);
  });
  if (chosenEarly) void pay(chosenEarly);
}

const LANGUAGE_CHANGED = "checkout-language-changed";

/**
 * A flag in sessionStorage, set or taken (read and removed). Storage can be refused, in a frame
 * on a merchant's page with third-party storage blocked for one: then there is no flag, and the
 * page works on without it.
 */
function session(op: "set" | "take", key: string): boolean {
  try {
    if (op === "set") sessionStorage.setItem(key, "1");
    else if (sessionStorage.getItem(key) === null) return false;
    else sessionStorage.removeItem(key);
    return true;
  } catch {
    return false;
  }
}

// The page is already complete as the server rendered it: let the browser paint it first, then
// bring it to life (this keeps the script off the path to the first and largest paint).
requestAnimationFrame(() => setTimeout(boot, 0));
