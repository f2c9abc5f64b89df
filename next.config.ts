import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_BUILD } from "next/constants";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // PGlite ships wasm and data files that must be loaded from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
      {
        // Loaded by merchants' pages on every visit; its name has no version in it, so browsers
        // keep it an hour and check back in the background for a day after that.
        source: "/embed.js",
        headers: [{ key: "Cache-Control", value: "public, max-age=3600, stale-while-revalidate=86400" }],
      },
      {
        // The payment page's script and stylesheet, always linked with ?v=<hash of the file>.
        source: "/checkout/:file",
        headers: [{ key: "Cache-Control", value: "public, max-age=31536000, immutable" }],
      },
    ];
  },
};

/**
 * The payment page's own script and stylesheet (public/checkout) are built with the app, whatever
 * runs the build (npm run build, next build, next dev); see scripts/checkout-assets.mjs. Once per
 * build: Next's worker processes inherit the flag.
 */
export default async function config(phase: string): Promise<NextConfig> {
  if ((phase === PHASE_PRODUCTION_BUILD || phase === PHASE_DEVELOPMENT_SERVER) && !process.env.CHECKOUT_ASSETS_BUILT) {
    process.env.CHECKOUT_ASSETS_BUILT = "1";
    const { buildCheckoutAssets } = await import("./scripts/checkout-assets.mjs");
    await buildCheckoutAssets({ watch: phase === PHASE_DEVELOPMENT_SERVER });
  }
  return nextConfig;
}
