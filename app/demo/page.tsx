// /demo — a pretend shop that opens its checkouts with /embed.js, as a merchant's site would
// (sandbox mode only). Same origin as the checkout, which frame-ancestors 'self' allows.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DemoShop } from "@/components/demo/demo-shop";
import { DEMO_PRODUCTS } from "@/lib/demo/shop";
import { getConfig } from "@/lib/env";

export const metadata: Metadata = { title: "Sandbox Shop (demo)", robots: { index: false, follow: false } };

export default function DemoPage() {
  if (getConfig().mode !== "sandbox") notFound();
  return <DemoShop products={DEMO_PRODUCTS} />;
}
