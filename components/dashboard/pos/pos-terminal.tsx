"use client";
// The point-of-sale terminal: type the amount (keypad or keyboard: digits, Backspace, Escape,
// Enter), "Charge", then the sale screen for the customer. Full screen on any device, so a tablet
// on a counter or a phone in a hand shows nothing but the till. The currency is chosen here and
// remembered on this device (a stall charges in one currency all day).
import Link from "next/link";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { amountOf, isChargeable, keyFromKeyboard, pressKey, type KeypadKey } from "@/lib/pos/keypad";
import { Keypad } from "./keypad";
import { formatFiat } from "@/lib/i18n/format";
import { SaleScreen, type Sale } from "./sale-screen";

const CURRENCY_KEY = "pos.currency";
const CURRENCY_EVENT = "pos-currency";

// The remembered currency as an external store: read after hydration (the server has no
// localStorage), and every tab of the terminal follows a change.
function subscribeCurrency(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(CURRENCY_EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CURRENCY_EVENT, onChange);
  };
}
const readCurrency = () => window.localStorage.getItem(CURRENCY_KEY);
function saveCurrency(code: string) {
  window.localStorage.setItem(CURRENCY_KEY, code);
  window.dispatchEvent(new Event(CURRENCY_EVENT));
}

export function PosTerminal({
  currencies,
  shopName,
}: {
  currencies: Array<[code: string, decimals: number]>;
  shopName: string;
}) {
  const decimalsOf = new Map(currencies);
  const stored = useSyncExternalStore(subscribeCurrency, readCurrency, () => null);
  const currency = stored && decimalsOf.has(stored) ? stored : "USD";
  const [entry, setEntry] = useState("");
  const [sale, setSale] = useState<Sale | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // One key per sale attempt: a double tap (or a retry after a lost answer) makes one checkout.
  const saleKey = useRef<string | null>(null);
  const decimals = decimalsOf.get(currency) ?? 2;
  const amount = amountOf(entry, decimals);
  const chargeable = isChargeable(entry, decimals);

  function press(key: KeypadKey) {
    setProblem(null);
    saleKey.current = null;
    setEntry((e) => pressKey(e, key, decimals));
  }

  async function charge() {
    if (!chargeable || busy || !amount) return;
    setBusy(true);
    setProblem(null);
    saleKey.current ??= crypto.randomUUID();
    const res = await fetch("/api/dashboard/pos/sales", {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": saleKey.current },
      body: JSON.stringify({ amount, currency }),
    }).catch(() => null);
    const body = res ? await res.json().catch(() => null) : null;
    setBusy(false);
    if (res?.ok) setSale(body as Sale);
    else setProblem(body?.error?.message ?? "The server could not be reached. Please try again.");
  }

  // The keyboard listener lives as long as the keypad is on screen and calls the latest handlers.
  const handlers = useRef({ press, charge });
  useEffect(() => {
    handlers.current = { press, charge };
  });
  useEffect(() => {
    if (sale) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || target?.closest("select, input, textarea")) return;
      if (e.key === "Enter") {
        // Enter charges, also right after tapping a key (which keeps the focus); other buttons
        // ("Charge", the back link) do their own thing on Enter.
        if (target?.closest("button:not([data-pos-key]), a")) return;
        e.preventDefault();
        void handlers.current.charge();
        return;
      }
      const key = keyFromKeyboard(e.key);
      if (key) {
        e.preventDefault();
        handlers.current.press(key);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [sale]);

  function newSale() {
    setSale(null);
    setEntry("");
    saleKey.current = null;
  }

  if (sale) return <SaleScreen sale={sale} onNewSale={newSale} />;
  return (
    <div className="fixed inset-0 z-40 flex flex-col bg-zinc-100 dark:bg-zinc-950" data-testid="pos-terminal">
      <div className="flex items-center gap-3 border-b border-zinc-200 bg-white px-3 py-2 text-sm dark:border-zinc-800 dark:bg-zinc-900">
        <Link
          href="/dashboard"
          className="rounded-md px-2 py-1 whitespace-nowrap text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
        >
          ← Dashboard
        </Link>
        <h1 className="truncate font-semibold">
          Point of sale<span className="hidden sm:inline"> · {shopName}</span>
        </h1>
        <label className="ml-auto flex items-center gap-2">
          <span className="text-zinc-600 dark:text-zinc-400">Currency</span>
          <select
            value={currency}
            onChange={(e) => {
              saveCurrency(e.target.value);
              setEntry("");
            }}
            className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-600 dark:bg-zinc-950"
          >
            {currencies.map(([code]) => (
              <option key={code}>{code}</option>
            ))}
          </select>
        </label>
      </div>
      {/* Portrait: amount, keypad, then Charge where the thumb is. Landscape (a tablet on its side,
          a phone turned): amount and Charge on the left, the keypad on the right. */}
      <div className="mx-auto flex min-h-0 w-full max-w-3xl flex-1 flex-col justify-center gap-3 p-3 landscape:grid landscape:grid-cols-2 landscape:grid-rows-[1fr_auto_auto_auto_1fr] landscape:gap-x-4">
        <output
          aria-live="polite"
          aria-label="Amount"
          className="block rounded-xl bg-white px-4 py-3 text-right shadow-sm ring-1 ring-zinc-200 landscape:col-start-1 landscape:row-start-2 dark:bg-zinc-900 dark:ring-zinc-800"
        >
          <span className="text-sm text-zinc-500 dark:text-zinc-400">{currency}</span>
          <span className="ml-3 text-5xl font-semibold tabular-nums sm:text-6xl" data-testid="pos-amount">
            {entry || "0"}
          </span>
        </output>
        {problem && (
          <p
            role="alert"
            className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 landscape:col-start-1 landscape:row-start-4 dark:bg-red-950 dark:text-red-200"
          >
            {problem}
          </p>
        )}
        {/* Keys as tall as a thumb needs, not as tall as a tablet is. */}
        <div className="min-h-0 flex-1 portrait:max-h-[34rem] landscape:col-start-2 landscape:row-span-5 landscape:row-start-1 landscape:h-full landscape:max-h-[34rem] landscape:self-center">
          <Keypad onKey={press} decimals={decimals} />
        </div>
        <button
          type="button"
          onClick={() => void charge()}
          disabled={!chargeable || busy}
          className="rounded-xl bg-emerald-600 py-4 text-2xl font-semibold text-white shadow-sm disabled:bg-zinc-300 disabled:text-zinc-600 landscape:col-start-1 landscape:row-start-3 dark:disabled:bg-zinc-800 dark:disabled:text-zinc-400"
        >
          {busy ? "Charging…" : chargeable && amount ? `Charge ${formatFiat(amount, currency, "en")}` : "Charge"}
        </button>
      </div>
    </div>
  );
}
