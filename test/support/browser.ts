import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { Hono } from "hono";
import { type Browser, chromium } from "playwright-core";
import { CATALOGUE, seedDemo } from "../../demo/seed.ts";
import { type Checkout, stripeCheckout, wooCommerceCheckout } from "../../demo/shop/checkout.ts";
import { shopRoutes } from "../../demo/shop/routes.ts";
import { loadConfig } from "../../server/config.ts";
import { loadBundle } from "../../server/embed/bundle.ts";
import { createLogger } from "../../server/log.ts";
import { ADMIN_TOKEN, type TestApp, testApp } from "./app.ts";
import { TEST_SECRET_KEY } from "./secrets.ts";
import { ORDER_KEY, paidOrder, seedShop } from "./shop.ts";

/** Debian's Chromium, driven by playwright-core; the flags keep it off the (closed) network and quiet. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
}

async function listen(server: Server, port = 0): Promise<{ origin: string; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The test app's server on a real port of 127.0.0.1 (the given one, or any), as browsers reach it; `served` lists
 * each request it received, as "METHOD /path" (what the browser's cache answered never reaches it).
 */
export async function serveApp(
  harness: TestApp,
  port = 0,
): Promise<{ origin: string; served: string[]; close(): Promise<void> }> {
  const served: string[] = [];
  // The harness's app is read at each request, so a test may restart it behind the same port.
  const server = createAdaptorServer({
    fetch: (request) => {
      served.push(`${request.method} ${new URL(request.url).pathname}`);
      return harness.app.fetch(request);
    },
  });
  return { ...(await listen(server as Server, port)), served };
}

/** A seller's site: every path answers the page `html(path)` makes (a thank-you page with the snippet). */
export function serveHost(
  html: (url: URL) => { body: string; headers?: Record<string, string> },
): Promise<{ origin: string; close(): Promise<void> }> {
  return listen(
    createServer((request, response) => {
      const page = html(new URL(request.url ?? "/", "http://host"));
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", ...page.headers });
      response.end(page.body);
    }),
  );
}

export interface ShopWorld {
  harness: TestApp;
  /** Origin of the Aquarium server. */
  api: string;
  /** Each request the Aquarium server received, as "METHOD /path". */
  served: string[];
  /** Origin of the seller's site. */
  host: string;
  siteId: string;
  offers: { tank: string; care: string; food: string };
  close(): Promise<void>;
}

/**
 * The whole arrangement a browser test needs: the real server (serving the built widget) on one port,
 * a seller's site on another, allowed by the site, and a paid order 727 whose thank-you page the
 * seller's site renders with `page`.
 */
export async function shopWorld(
  page: (world: { api: string; siteId: string; url: URL }) => {
    body: string;
    headers?: Record<string, string>;
  },
): Promise<ShopWorld> {
  const harness = await testApp("sqlite", { bundle: loadBundle(), start: Date.now() });
  const api = await serveApp(harness);
  let siteId = "";
  const host = await serveHost((url) => page({ api: api.origin, siteId, url }));
  const shop = await seedShop(harness);
  siteId = shop.siteId;
  await harness.admin(`/sites/${siteId}`, { method: "PATCH", json: { allowedOrigins: [host.origin] } });
  await paidOrder(harness, siteId);
  return {
    harness,
    api: api.origin,
    served: api.served,
    host: host.origin,
    siteId,
    offers: shop.offers,
    async close() {
      await host.close();
      await api.close();
      await harness.dispose();
    },
  };
}

/** The shop world whose thank-you page is a seller's: the snippet pasted into it and nothing else. */
export const snippetWorld = () =>
  shopWorld(({ api, siteId }) => ({ body: thankYouPage(snippetTag(api, siteId)) }));

/** The snippet as a seller pastes it. */
export const snippetTag = (api: string, siteId: string, extra = "") =>
  `<script async src="${api}/aquarium.js" data-site="${siteId}"${extra}></script>`;

/** A plain thank-you page around `inner`. */
export const thankYouPage = (inner: string, head = "") =>
  `<!doctype html><html lang="en"><head><title>Thank you</title>${head}</head><body><h1>Thank you for your order</h1><p id="above">Order 727</p>${inner}<footer>Shop footer</footer></body></html>`;

export const THANK_YOU_PATH = `/checkout/order-received/727/?key=${ORDER_KEY}`;

export interface DemoWorld {
  harness: TestApp;
  /** Origin of the Aquarium server. */
  api: string;
  /** The demo shop's own pages (thank-you pages with the seller's snippet as the demo renders it). */
  shop: string;
  /** The same pages, their snippet also carrying `snippetExtra` (a shortened retry schedule, say). */
  quickShop: string;
  siteId: string;
  /** A paid order of a goldfish on `platform`: its thank-you page, and the signed webhook not yet sent. */
  checkout(platform: "woocommerce" | "stripe"): Promise<Checkout>;
  /** Sends the platform's webhook over HTTP to the server, as the platform would; throws unless 2xx. */
  deliver(checkout: Checkout): Promise<void>;
  close(): Promise<void>;
}

/**
 * The demo shop as `npm run demo` seeds it, on its own origins, in front of the real server on another:
 * thank-you pages rendered by the demo's routes, orders paid through the demo's checkout builders, their
 * signed webhooks posted over HTTP when the test says. The server's clock is the real one, as the
 * webhooks' timestamps are.
 */
export async function demoWorld(snippetExtra: string): Promise<DemoWorld> {
  // Every browser of a test comes from 127.0.0.1: a claim limit per client would count them all as one.
  const harness = await testApp("sqlite", { bundle: loadBundle(), limits: { claimsPerIp: 100_000 } });
  Object.defineProperty(harness, "now", { get: () => Date.now(), set: () => {} });
  const api = await serveApp(harness);
  let app: Hono | null = null;
  const serve = (extra: string) =>
    listen(
      createAdaptorServer({
        fetch: async (request) => {
          const response = await (app as Hono).fetch(request);
          if (!extra || !response.headers.get("content-type")?.includes("text/html")) return response;
          const html = (await response.text()).replace(' data-site="', ` ${extra} data-site="`);
          return new Response(html, { status: response.status, headers: response.headers });
        },
      }) as Server,
    );
  const shop = await serve("");
  const quickShop = await serve(snippetExtra);
  const demo = await seedDemo(harness.store, shop.origin, Date.now());
  await harness.admin(`/sites/${demo.siteId}`, {
    method: "PATCH",
    json: { allowedOrigins: [shop.origin, quickShop.origin] },
  });
  const deps = {
    config: loadConfig({ ADMIN_TOKEN, SECRET_KEY: TEST_SECRET_KEY, PUBLIC_URL: api.origin }),
    store: harness.store,
    logger: createLogger("silent"),
    clock: Date.now,
    bundle: loadBundle(),
  };
  // Not strict, as the demo's own server: "/order-received/<id>/" is WooCommerce's spelling.
  app = new Hono({ strict: false }).route("/shop", shopRoutes(deps, demo));
  const goldfish = CATALOGUE.find((item) => item.sku === "goldfish") as (typeof CATALOGUE)[number];
  return {
    harness,
    api: api.origin,
    shop: shop.origin,
    quickShop: quickShop.origin,
    siteId: demo.siteId,
    async checkout(platform) {
      if (platform === "stripe")
        return stripeCheckout(goldfish, "buyer@example.com", demo.siteId, demo.stripeSecret);
      const secret = (await harness.store.sites.secret(demo.siteId, "woocommerce")) ?? "";
      return wooCommerceCheckout(goldfish, "buyer@example.com", demo.siteId, secret);
    },
    async deliver({ delivery }) {
      const response = await fetch(`${api.origin}${delivery.path}`, {
        method: "POST",
        headers: delivery.headers,
        body: delivery.body,
      });
      if (!response.ok)
        throw new Error(`the webhook was refused: ${response.status} ${await response.text()}`);
    },
    async close() {
      await quickShop.close();
      await shop.close();
      await api.close();
      await harness.dispose();
    },
  };
}
