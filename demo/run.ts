import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { Hono } from "hono";
import { loadConfig } from "../server/config.ts";
import { snippet } from "../server/embed/bundle.ts";
import { startServer } from "../server/serve.ts";
import { homeRoutes } from "./home.ts";
import { type DemoSite, seedDemo } from "./seed.ts";
import { shopRoutes } from "./shop/routes.ts";
import { startStripeStandIn, stripeSeller } from "./shop/stripe.ts";
import { wooCommerceSeller } from "./shop/woocommerce.ts";
import { stripePages } from "./stand-ins/stripe-pages.ts";

/**
 * `npm run demo`: on one port, the server, the demo shop (/shop) and the admin (/admin), on a demo
 * database seeded with a believable catalogue and funnels.
 */
/** A value the demo makes once and keeps in ./data, so that a restart finds its database as it left it. */
function kept(file: string, make: () => string): string {
  const path = `./data/${file}`;
  if (existsSync(path)) return readFileSync(path, "utf8").trim();
  mkdirSync("./data", { recursive: true });
  const value = make();
  writeFileSync(path, `${value}\n`, { mode: 0o600 });
  return value;
}

// The demo's Stripe is a stand-in on this machine (no account, no real money), never mounted by `npm start`: the
// server's SDK reaches its API on a loopback port, browsers its pages under /stand-ins/stripe.
const stripe = await startStripeStandIn();

const config = loadConfig({
  ...process.env,
  STRIPE_API_URL: stripe.apiUrl,
  DATABASE_URL: process.env.DATABASE_URL ?? "sqlite:./data/demo.db",
  ADMIN_TOKEN:
    process.env.ADMIN_TOKEN ??
    kept("demo-admin-token", () => `demo-${randomBytes(18).toString("base64url")}`),
  SECRET_KEY: process.env.SECRET_KEY ?? kept("demo-secret-key", () => randomBytes(32).toString("base64")),
  // The demo's seller inbox is this very server, and its Stripe a stand-in, over plain http on loopback: for
  // development only.
  ALLOW_LOOPBACK_HTTP: process.env.ALLOW_LOOPBACK_HTTP ?? "true",
});

stripe.standIn.pagesUrl = `${config.publicUrl}/stand-ins/stripe`;

let demo: DemoSite | undefined;
/** The demo site's own snippet, as its thank-you pages carry it: what a seller would paste. */
let tag = "(the widget is not built: run npm run build)";
const running = await startServer(config, async (deps) => {
  demo = await seedDemo(deps.store, config.publicUrl, Date.now());
  if (deps.bundle) tag = snippet(deps.bundle, config.publicUrl, demo.siteId);
  const pages = stripePages(stripe.standIn);
  const woocommerce = await wooCommerceSeller(deps);
  return {
    "/": homeRoutes(),
    "/shop": shopRoutes(deps, demo, await stripeSeller(deps, stripe), woocommerce),
    // The demo's WooCommerce: a stand-in shop on this very port (no shop, no real money), its REST API reached
    // by the server over plain http on loopback (ALLOW_LOOPBACK_HTTP, development only), its order-pay page by
    // browsers; never mounted by `npm start`.
    "/stand-ins/woocommerce": woocommerce.standInRoutes,
    "/shop/woocommerce": woocommerce.shopRoutes,
    "/stand-ins/stripe": new Hono().all("*", (c) => pages(c.req.raw)),
  };
});

console.log(`
Aquarium demo, all on one port: start at ${config.publicUrl}/

  the shop          ${config.publicUrl}/shop/
  the admin         ${config.publicUrl}/admin/   log in with the admin token: ${config.adminToken}${
    process.env.ADMIN_TOKEN
      ? ""
      : "\n                    (kept in ./data/demo-admin-token: the same at every start)"
  }${demo?.ownerToken ? `\n  site owner token  ${demo.ownerToken}   (this site's own login, shown once)` : ""}
  seller's inbox    ${config.publicUrl}/shop/seller
  WooCommerce       a product page's "Buy now (a WooCommerce shop taking the offer's payment)": the offer becomes
                    an order of a stand-in shop, paid on its order-pay page (no real money)

The demo site's snippet, as its thank-you pages carry it:
${tag}
`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    setTimeout(() => process.exit(1), 10_000).unref();
    await running.stop();
    await stripe.close();
    process.exit(0);
  });
}
