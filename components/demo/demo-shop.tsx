"use client";
// The demo shop's page: products with a "Buy" button that opens the checkout in /embed.js's
// overlay, and a log of the events the page hears from it (the window's "bitfinex-checkout" event).
import Script from "next/script";
import { useEffect, useState, useSyncExternalStore } from "react";
import { formatFiat } from "@/lib/i18n/format";
import type { DemoProduct } from "@/lib/demo/shop";

interface CheckoutEvent {
  type: "opened" | "paid" | "expired" | "closed";
  checkoutId: string | null;
  orderId: string | null;
  state: string | null;
}

interface EmbedApi {
  open(url: string, options?: { onEvent?: (event: CheckoutEvent) => void; opener?: Element }): { close(): void };
}

const card = "rounded-2xl bg-white p-5 shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800";

export function DemoShop({ products }: { products: readonly DemoProduct[] }) {
  const [log, setLog] = useState<Array<CheckoutEvent & { at: string }>>([]);
  const [opening, setOpening] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const paid = log.filter((e) => e.type === "paid");
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => "",
  );
  const lastId = log.findLast((e) => e.checkoutId)?.checkoutId;

  useEffect(() => {
    const onEvent = (e: Event) => {
      const detail = (e as CustomEvent<CheckoutEvent>).detail;
      setLog((entries) => [...entries, { ...detail, at: new Date().toLocaleTimeString("en-GB") }]);
    };
    window.addEventListener("bitfinex-checkout", onEvent);
    return () => window.removeEventListener("bitfinex-checkout", onEvent);
  }, []);

  async function buy(product: DemoProduct, button: HTMLButtonElement) {
    setOpening(product.id);
    setProblem(null);
    try {
      // The shop's backend makes the checkout (a merchant would call POST /api/v1/checkouts).
      const res = await fetch("/demo/checkout", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ product: product.id }),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const { url } = (await res.json()) as { url: string };
      const api = (window as unknown as { BitfinexCheckout?: EmbedApi }).BitfinexCheckout;
      // Without the script (blocked, not loaded yet) the checkout still works as a page.
      if (api) api.open(url, { opener: button });
      else window.location.assign(url);
    } catch {
      setProblem("The checkout could not be started. Please try again.");
    } finally {
      setOpening(null);
    }
  }

  return (
    <main className="mx-auto w-full max-w-3xl px-4 py-8 sm:py-12">
      <Script src="/embed.js" strategy="afterInteractive" />
      <header className="mb-6">
        <p className="text-sm font-medium text-zinc-600 dark:text-zinc-400">Demo</p>
        <h1 className="text-3xl font-semibold tracking-tight">Sandbox Shop</h1>
        <p className="mt-2 text-zinc-600 dark:text-zinc-400">
          A pretend shop that opens its checkout in an overlay with{" "}
          <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">/embed.js</code>, the way your site would.
          Payments are simulated by the sandbox: nothing real is charged.
        </p>
      </header>

      {paid.length > 0 && (
        <p
          role="status"
          className="mb-6 rounded-lg bg-emerald-50 px-4 py-3 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
        >
          Thank you! Order {paid[paid.length - 1]!.orderId} is paid.
        </p>
      )}

      <ul className="grid gap-4 sm:grid-cols-2">
        {products.map((product) => (
          <li key={product.id} className={`${card} flex flex-col gap-3`}>
            <div
              aria-hidden="true"
              className="grid h-28 place-items-center rounded-xl bg-amber-50 text-amber-800 dark:bg-zinc-800 dark:text-amber-300"
            >
              {product.id === "mug" ? <MugPicture /> : <BeansPicture />}
            </div>
            <div className="flex-1">
              <h2 className="font-semibold">{product.name}</h2>
              <p className="text-sm text-zinc-600 dark:text-zinc-400">{product.description}</p>
            </div>
            <div className="flex items-center justify-between gap-3">
              <span className="text-lg font-semibold">{formatFiat(product.price, product.currency, "en")}</span>
              <button
                type="button"
                onClick={(e) => buy(product, e.currentTarget)}
                aria-label={`Buy ${product.name}`}
                className="rounded-lg bg-[#16b157] px-4 py-2 font-semibold text-black hover:bg-[#13a04e] focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[#16b157]"
              >
                {opening === product.id ? "Opening…" : "Buy"}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {problem && (
        <p
          role="alert"
          className="mt-4 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100"
        >
          {problem}
        </p>
      )}

      <section aria-labelledby="log-heading" className={`${card} mt-8`}>
        <h2 id="log-heading" className="font-semibold">
          Events received by this page
        </h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          To pay in the sandbox, pick a currency in the checkout, then run:
        </p>
        <pre className="mt-2 overflow-x-auto rounded-lg bg-zinc-100 px-3 py-2 text-xs dark:bg-zinc-800">
          <code>
            curl -X POST {origin}/sandbox/control/invoices/{lastId ?? "<checkoutId>"}/pay
          </code>
        </pre>
        {log.length === 0 && (
          <p className="mt-3 text-sm text-zinc-500 dark:text-zinc-400">Nothing yet: buy something.</p>
        )}
        {/* Always in the page, so screen readers announce what is added to it. */}
        <ol role="log" aria-label="Checkout events" className="mt-3 space-y-1 font-mono text-sm empty:hidden">
          {log.map((entry, i) => (
            <li key={i} data-testid="event" data-type={entry.type} className="[overflow-wrap:anywhere]">
              <span className="text-zinc-500 dark:text-zinc-400">{entry.at}</span> <strong>{entry.type}</strong>{" "}
              {entry.checkoutId ?? "–"} · order {entry.orderId ?? "–"} · {entry.state ?? "–"}
            </li>
          ))}
        </ol>
      </section>
    </main>
  );
}

const noSubscription = () => () => {};

function MugPicture() {
  return (
    <svg
      viewBox="0 0 64 64"
      className="size-16 fill-none stroke-current"
      strokeWidth="3"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M12 22h34v22a10 10 0 0 1-10 10H22a10 10 0 0 1-10-10z" />
      <path d="M46 28h4a6 6 0 0 1 0 12h-4" />
      <path d="M22 8c-2 3 2 5 0 8M30 8c-2 3 2 5 0 8M38 8c-2 3 2 5 0 8" />
    </svg>
  );
}

function BeansPicture() {
  return (
    <svg
      viewBox="0 0 64 64"
      className="size-16 fill-none stroke-current"
      strokeWidth="3"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M18 12h28l4 10v30a4 4 0 0 1-4 4H18a4 4 0 0 1-4-4V22z" />
      <path d="M14 22h36" />
      <ellipse cx="32" cy="38" rx="7" ry="10" transform="rotate(-25 32 38)" />
      <path d="M29 30c4 4 0 12 5 16" />
    </svg>
  );
}
