import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { SandboxBanner } from "@/components/sandbox-banner";
import { getConfig } from "@/lib/env";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Bitfinex Checkout", template: "%s · Bitfinex Checkout" },
  description: "Self-hosted crypto checkout for Bitfinex merchants",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection(); // the mode is read from the running server's environment, not the build's
  const { mode } = getConfig();
  return (
    <html lang="en">
      <body className="min-h-screen bg-white text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        {mode === "sandbox" && <SandboxBanner />}
        {children}
      </body>
    </html>
  );
}
