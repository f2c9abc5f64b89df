import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // A self-contained server in .next/standalone (node server.js, no node_modules to install), which
  // is what `npm start`, the Dockerfile and the systemd unit run (scripts/start.mjs).
  output: "standalone",
  // Read from disk at run time (lib/db/connect.ts), so the file tracer cannot see them.
  outputFileTracingIncludes: { "/**": ["./lib/db/migrations/**"] },
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
    ];
  },
};

// The customer-facing pages speak the customer's language through next-intl; the locale is
// negotiated per request in lib/i18n/request.ts (no locale in the URL: a checkout link is shared as is).
// The JSON catalogs are precompiled at build time, so the payment page ships no ICU parser
// (intl-messageformat, about 13 KB gzip) to the customer's browser.
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: { messages: { path: "./lib/i18n/messages", format: "json", locales: "infer", precompile: true } },
});

export default withNextIntl(nextConfig);
