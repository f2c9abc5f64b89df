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

const code = "rounded bg-zinc-100 px-1 font-mono text-[0.9em] dark:bg-zinc-800";
const linkClass = "font-medium text-zinc-900 underline underline-offset-2 dark:text-zinc-100";

function Door({ href, title, children }: { href: string; title: string; children: React.ReactNode }) {
  return (
    <li className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <a href={href} className="text-base font-semibold text-zinc-900 underline underline-offset-2 dark:text-zinc-100">
        {title}
      </a>
      <div className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{children}</div>
    </li>
  );
}

export default async function HomePage() {
  const config = getConfig();
  const rails = await getRailsMonitor().current();
  const sandbox = config.mode === "sandbox";
  return (
    <main className="mx-auto max-w-2xl px-4 py-10 sm:py-16">
      <h1 className="text-3xl font-semibold tracking-tight">Bitfinex Checkout</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">
        Accept Bitcoin, Lightning, Ethereum and USDt in your shop, paid straight into your Bitfinex account. Your API
        key stays on this server.
      </p>
      <nav aria-label="Where to go" className="mt-8">
        <ul className="grid gap-3 sm:grid-cols-2">
          <Door href="/dashboard" title="Dashboard">
            Checkouts, payment links, refunds, webhooks and settings.
            {sandbox && config.admin.sandboxPassword && (
              <p className="mt-1" data-testid="sandbox-sign-in">
                Sandbox sign-in: <code className={code}>{config.admin.username}</code> /{" "}
                <code className={code}>{config.admin.sandboxPassword}</code>
              </p>
            )}
          </Door>
          <Door href="/dashboard/health" title="Health">
            Whether customers can pay and what is missing for going live (signed in). Machines read{" "}
            <code className={code}>/api/health</code>.
          </Door>
          <Door href="/api/openapi.json" title="API reference (OpenAPI)">
            Every <code className={code}>/api/v1</code> route for your shop&apos;s backend; the guide with examples is{" "}
            <code className={code}>docs/api.md</code>, webhooks in <code className={code}>docs/webhooks.md</code>.
          </Door>
          {sandbox ? (
            <Door href="/demo" title="Demo shop">
              A checkout embedded in a shop&apos;s page, paid with the sandbox&apos;s fake money.
            </Door>
          ) : (
            <Door href="/api/health" title="Health, as JSON">
              For an uptime monitor: <code className={code}>status</code> is <code className={code}>ok</code> only when
              every go-live check passes.
            </Door>
          )}
        </ul>
      </nav>
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
          Mode: {sandbox ? "sandbox" : `live (${new URL(config.bitfinex.restUrl).host})`}
        </h2>
        {sandbox ? (
          <>
            <p className="mt-2">
              No Bitfinex key is configured, so the app talks to its built-in sandbox at{" "}
              <code className={code}>/sandbox/bitfinex</code>. Nothing here moves real money.
            </p>
            <h3 className="mt-4 font-semibold text-zinc-900 dark:text-zinc-100">To go live</h3>
            <ol className="mt-2 list-decimal space-y-1 ps-5" data-testid="go-live-steps">
              <li>
                At bitfinex.com, make an API key with read and write on <em>settings</em>, <em>account</em> and{" "}
                <em>orders</em> (nothing else, no withdrawals).
              </li>
              <li>
                Set <code className={code}>BFX_API_KEY</code>, <code className={code}>BFX_API_SECRET</code>,{" "}
                <code className={code}>APP_URL</code> (your https:// address),{" "}
                <code className={code}>ADMIN_PASSWORD_HASH</code> (<code className={code}>npm run hash-password</code>
                ), <code className={code}>NEXTAUTH_SECRET</code> and <code className={code}>MERCHANT_NAME</code>: the
                README&apos;s &ldquo;Going live&rdquo; checklist has the whole block to copy.
              </li>
              <li>Restart, sign in, and open Health: it says ok once every check passes, or which one fails.</li>
            </ol>
          </>
        ) : (
          <p className="mt-2">
            Connected to Bitfinex. Open{" "}
            <Link href="/dashboard/health" className={linkClass}>
              Health
            </Link>{" "}
            to see whether every go-live check passes.
          </p>
        )}
      </section>
    </main>
  );
}
