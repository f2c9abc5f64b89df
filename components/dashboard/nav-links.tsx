"use client";
// The dashboard's sections; the one on screen is marked (aria-current) so sighted and screen
// reader users both know where they are. Only the sections the user's role may open are shown.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { SECTIONS } from "./sections";

/** `allowed`: the sections the signed-in user's role may open (decided on the server, access.ts). */
export function NavLinks({ allowed }: { allowed: readonly string[] }) {
  const pathname = usePathname();
  return SECTIONS.filter(([href]) => allowed.includes(href)).map(([href, label]) => {
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
