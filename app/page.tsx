import Link from "next/link";
import { getConfig } from "@/lib/env";
import type { RailState } from "@/lib/rail-health/health";
import { getRailsMonitor } from "@/lib/server/services";

function Rail({ name, state }: { name: string; state: RailState }) {
  return (
    <li className="flex items-start gap-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <span
        aria-hidden
        className={`mt-1.5 inline-block size-2.5 shrink-0 rounded-full ${state.available ? "bg-emerald-500" : "bg-red-500"}`}
      />
      <div>
        <p className="font-medium">
          {name}: {state.available ? "available" : "unavailable"}
        </p>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{state.detail}</p>
      </div>
    </li>
  );
}

export default async function HomePage() {
  const config = getConfig();
  const rails = await getRailsMonitor().current();
  return (
    <main className="mx-auto max-w-2xl px-4 py-10 sm:py-16">
      <h1 className="text-3xl font-semibold tracking-tight">Bitfinex Checkout</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">
        Accept Bitcoin, Lightning, Ethereum and USDt in your shop, paid straight into your Bitfinex account. Your API
        key stays on this server.
      </p>
      <section className="mt-8" aria-labelledby="rails">
        <h2 id="rails" className="text-lg font-semibold">
          Payment rails
        </h2>
        <ul className="mt-3 space-y-3">
          <Rail name="Bitfinex Pay" state={rails.pay} />
          <Rail name="Lightning" state={rails.lightning} />
        </ul>
      </section>
      <section className="mt-8 text-sm text-zinc-600 dark:text-zinc-400" aria-labelledby="mode">
        <h2 id="mode" className="text-lg font-semibold text-zinc-900 dark:text-zinc-100">
          Mode: {config.mode}
        </h2>
        {config.mode === "sandbox" ? (
          <>
            <p className="mt-2">
              No Bitfinex key is configured, so the app talks to its built-in sandbox at{" "}
              <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">/sandbox/bitfinex</code>. Set{" "}
              <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">BFX_API_KEY</code> and{" "}
              <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">BFX_API_SECRET</code> to go live.
            </p>
            <p className="mt-2">
              See a checkout embedded in a shop&apos;s page in the{" "}
              <Link href="/demo" className="font-medium text-zinc-900 underline underline-offset-2 dark:text-zinc-100">
                demo shop
              </Link>
              .
            </p>
          </>
        ) : (
          <p className="mt-2">Connected to Bitfinex.</p>
        )}
      </section>
    </main>
  );
}
