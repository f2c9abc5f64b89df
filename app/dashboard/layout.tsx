// The dashboard's frame: navigation and the signed-in user. Each page checks the session itself
// too (a layout is not re-rendered on every navigation, so it cannot be the only guard).
import type { Metadata } from "next";
import Link from "next/link";
import { NavLinks } from "@/components/dashboard/nav-links";
import { SECTIONS } from "@/components/dashboard/sections";
import { SignOutButton } from "@/components/dashboard/sign-out-button";
import { ROLE_LABELS, roleMay } from "@/lib/auth/access";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = {
  title: { default: "Dashboard", template: "%s · Dashboard" },
  robots: { index: false, follow: false },
};

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const session = await requireAdmin("/dashboard");
  const allowed = SECTIONS.map(([href]) => href).filter((href) => roleMay(session.user.role, href, "PAGE"));
  return (
    <div className="min-h-screen bg-zinc-50 dark:bg-zinc-950">
      <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          <Link href="/dashboard" className="font-semibold">
            Bitfinex Checkout
          </Link>
          {/* The navigation has a row of its own below the name and the account: with a dozen sections it
              would otherwise push the account and sign-out onto a stray row of their own. */}
          <nav aria-label="Dashboard" className="order-last flex basis-full flex-wrap gap-1 text-sm">
            <NavLinks allowed={allowed} />
          </nav>
          <Link
            href="/dashboard/account"
            className="ml-auto text-sm text-zinc-600 underline-offset-2 hover:underline dark:text-zinc-400"
            title="Your account and second factor"
          >
            {session.user.name} · {ROLE_LABELS[session.user.role]}
          </Link>
          <SignOutButton />
        </div>
      </header>
      <main className="mx-auto max-w-6xl space-y-6 px-4 py-6">{children}</main>
    </div>
  );
}
