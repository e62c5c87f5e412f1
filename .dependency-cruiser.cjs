/**
 * The house rules, checked by `npm run lint` (dependency-cruiser): who may import whom. A rule broken
 * here fails CI; change a rule only with a reason in its comment.
 */

// The HTTP layer: the app, the server's start-up, `server/http/`, and route files (`routes.ts`, `*.routes.ts`).
const HTTP_LAYER =
  "^server/(app|serve|main)\\.ts$|^server/http/|^server/.*routes\\.ts$|^server/admin/app\\.ts$";

module.exports = {
  forbidden: [
    {
      name: "widget-imports-only-the-contract",
      comment: "The widget is shipped to buyers' browsers: from the server it may import only the contract.",
      severity: "error",
      from: { path: "^widget/" },
      to: { path: "^server/", pathNot: "^server/contract/" },
    },
    {
      name: "widget-runs-in-browsers",
      comment: "No Node built-ins in the widget.",
      severity: "error",
      from: { path: "^widget/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "admin-imports-the-contract-and-the-widget-ui",
      comment:
        "The admin app talks to the server over HTTP; it shares the contract and, for its live preview, the widget's panel.",
      severity: "error",
      from: { path: "^demo/admin/" },
      to: {
        path: "^(server|widget)/",
        pathNot: "^server/contract/|^widget/(ui/|i18n/|mount\\.ts$|preview\\.ts$|build/)",
      },
    },
    {
      name: "admin-builds-with-the-widgets-schemas",
      comment: "Only the admin's build config may load the widget's build-time plugins (widget/build/).",
      severity: "error",
      from: { path: "^demo/admin/", pathNot: "^demo/admin/vite\\.config\\.ts$" },
      to: { path: "^widget/build/" },
    },
    {
      name: "widget-ships-no-zod",
      comment:
        "zod is 8 KB of a 15 KB budget: the widget takes the contract's types, and checks its shapes as JSON Schema (widget/check.ts) made at build time by widget/build/, the widget's only code that runs zod.",
      severity: "error",
      from: { path: "^widget/", pathNot: "^widget/build/" },
      to: { path: "(^|/)node_modules/zod/|^server/contract/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "the-widget-loads-no-build-code",
      comment:
        "widget/build/ runs when the widget is built; the widget's own code reads what it made (virtual:aquarium-wire, the language files).",
      severity: "error",
      from: { path: "^widget/", pathNot: "^widget/build/" },
      to: { path: "^widget/build/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "the-server-knows-no-demo",
      comment:
        "The demo's stand-ins (a pretend Stripe, no real money) are mounted by demo/run.ts alone: `npm start` must never serve one, so the server imports nothing of the demo.",
      severity: "error",
      from: { path: "^server/" },
      to: { path: "^demo/" },
    },
    {
      name: "engine-is-pure",
      comment:
        "The offer engine takes data and time and returns decisions: it imports only the contract and the domain's types.",
      severity: "error",
      from: { path: "^server/offers/" },
      to: { pathNot: "^server/(offers|contract)/|^server/domain\\.ts$" },
    },
    {
      name: "contract-stands-alone",
      comment:
        "The contract is shared with browsers: it imports nothing of the server's but itself (and zod).",
      severity: "error",
      from: { path: "^server/contract/" },
      to: { path: "^(server|widget|demo)/", pathNot: "^server/contract/" },
    },
    {
      name: "only-the-store-knows-sql",
      comment: "SQL and the database drivers live in server/store/ alone.",
      severity: "error",
      from: { path: "^(server|widget|demo)/", pathNot: "^server/store/" },
      to: { path: "(^|/)node_modules/(kysely|pg)/|^node:sqlite$|^sqlite$" },
    },
    {
      name: "store-knows-no-use-case",
      comment: "The store persists the domain: it imports neither the engine, nor the use cases, nor HTTP.",
      severity: "error",
      from: { path: "^server/store/" },
      to: { path: "^server/(offers|http|sessions|admin|orders|payments|outbox|embed)/" },
    },
    {
      name: "nothing-below-the-routes-imports-hono",
      comment: "Use cases take plain data and return data or a domain error; only the HTTP layer knows Hono.",
      severity: "error",
      from: { path: "^server/", pathNot: HTTP_LAYER },
      to: { path: "(^|/)node_modules/(hono|@hono)/" },
    },
    {
      name: "use-cases-know-no-http",
      comment: "Below the routes, nothing imports the HTTP layer.",
      severity: "error",
      from: { path: "^server/", pathNot: HTTP_LAYER },
      to: { path: HTTP_LAYER },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^dist/" },
    // TypeScript 7 (the native compiler) has no JavaScript API yet: sources are read with swc instead.
    parser: "swc",
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
  },
};
