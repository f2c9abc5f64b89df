/**
 * The layers of lib/, bottom to top (ARCHITECTURE.md). A module may import its own layer and the
 * ones below, never one above; no import cycle anywhere, type imports included. Run by
 * `npm run lint:deps` (and so by .ci/run).
 *
 *   foundation      money ids errors json net currencies chains geo lightning i18n observability mode api-scopes
 *   configuration   env
 *   infrastructure  db limits bitfinex pay-limits
 *   checkouts       checkouts rail-health
 *   around them     notifications merchant settings reconciler refunds pos sandbox dashboard demo bfx-pay audit greenfield
 *   wiring          server startup
 *   delivery        http pages auth openapi, then app/ and components/
 *
 * Tests may import across layers (they check how the parts work together). Type-only imports may point up (the database schema names the checkout states it stores): a type
 * carries no behaviour, and a cycle through types is still refused.
 */
const LAYERS = [
  [
    "money",
    "ids",
    "errors",
    "json",
    "net",
    "currencies",
    "chains",
    "geo",
    "lightning",
    "i18n",
    "observability",
    "mode\\.ts",
    "api-scopes\\.ts",
  ],
  ["env\\.ts"],
  ["db", "limits", "bitfinex", "pay-limits"],
  ["checkouts", "rail-health"],
  [
    "notifications",
    "merchant",
    "settings",
    "reconciler",
    "refunds",
    "pos",
    "sandbox",
    "dashboard",
    "demo",
    "bfx-pay",
    "audit",
    "greenfield",
  ],
  ["server", "startup"],
  ["http", "pages", "auth", "openapi"],
];
const path = (names) => `^lib/(${names.join("|")})($|/)`;

const layerRules = LAYERS.slice(0, -1).map((names, i) => ({
  name: `layer-${i}-imports-up`,
  comment: `lib/{${names.join(",")}} may not import a higher layer (${LAYERS.slice(i + 1)
    .flat()
    .join(", ")})`,
  severity: "error",
  from: { path: path(names), pathNot: "\\.test\\.tsx?$" },
  to: { path: path(LAYERS.slice(i + 1).flat()), dependencyTypesNot: ["type-only"] },
}));

module.exports = {
  forbidden: [
    {
      name: "no-cycle",
      comment: "An import cycle (type imports included): split the module or move the shared part down.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: "checkout-tables-outside-repository",
      comment:
        "checkouts and checkout_invoices are written only by their repositories (lib/checkouts/store/); everyone else reads them through the read-only views lib/db/schema.ts exports under the tables' names, which db.update/insert/delete refuse to compile (ARCHITECTURE.md, Repositories).",
      severity: "error",
      from: { pathNot: ["^lib/checkouts/store/", "^lib/db/schema\\.ts$", "\\.test\\.tsx?$", "^test/"] },
      to: { path: "^lib/db/checkout-tables\\.ts$" },
    },
    {
      name: "lib-imports-ui",
      comment: "lib/ is below the pages and components that use it.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "components-import-routes",
      comment: "Components are used by app/, never the other way round.",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^app/" },
    },
    {
      name: "production-imports-tests",
      comment: "Test support (test/) and test files are for tests only.",
      severity: "error",
      from: { path: "^(lib|app|components)/", pathNot: "\\.test\\.tsx?$" },
      to: { path: "(^test/|\\.test\\.tsx?$)" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)\\.next/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".json"],
    },
  },
};
