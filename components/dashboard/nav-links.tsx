"use client";
// The dashboard's sections; the one on screen is marked (aria-current) so sighted and screen
// reader users both know where they are.
import Link from "next/link";
import { usePathname } from "next/navigation";

const SECTIONS = [
  ["/dashboard", "Overview"],
  ["/dashboard/checkouts", "Checkouts"],
  ["/dashboard/links", "Payment links"],
  ["/dashboard/pos", "Point of sale"],
  ["/dashboard/webhooks", "Webhooks"],
  ["/dashboard/api-keys", "API keys"],
  ["/dashboard/woocommerce", "WooCommerce"],
  ["/dashboard/settings", "Settings"],
  ["/dashboard/health", "Health"],
] as const;

export function NavLinks() {
  const pathname = usePathname();
  return SECTIONS.map(([href, label]) => {
    const current = href === "/dashboard" ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
    return (
      <Link
        key={href}
        href={href}
        aria-current={current ? "page" : undefined}
        className="rounded-md px-2 py-1 text-zinc-700 hover:bg-zinc-100 aria-[current=page]:bg-zinc-900 aria-[current=page]:text-white dark:text-zinc-300 dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-white dark:aria-[current=page]:text-zinc-900"
      >
        {label}
      </Link>
    );
  });
}
