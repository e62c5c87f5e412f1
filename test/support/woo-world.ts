import { loadBundle } from "../../server/embed/bundle.ts";
import { serveApp, serveHost, snippetTag, thankYouPage } from "./browser.ts";
import type { FakeOrder } from "./fake-woocommerce.ts";
import { freePort } from "./process.ts";
import { wooShop } from "./woo-shop.ts";

/**
 * What a browser test of WooCommerce payments needs: the real server (serving the built widget) on a port, the
 * FAKE WooCommerce on another (its REST API for the server, its order-pay page for the browser, over plain
 * http on loopback as only a development shop may), and the shop's thank-you pages
 * (`/checkout/order-received/<id>/?key=wc_order_…`) with the seller's snippet on a third. What the fake's
 * pages change reaches the server as WooCommerce's signed webhook. The server's clock is the real one.
 */
export async function wooWorld() {
  const port = await freePort();
  const shop = await wooShop("sqlite", {
    protocol: "http",
    bundle: loadBundle(),
    env: { PUBLIC_URL: `http://127.0.0.1:${port}`, ALLOW_LOOPBACK_HTTP: "true" },
  });
  Object.defineProperty(shop.harness, "now", { get: () => Date.now(), set: () => {} });
  const api = await serveApp(shop.harness, port);
  const host = await serveHost(() => ({ body: thankYouPage(snippetTag(api.origin, shop.shop.siteId)) }));
  const allowed = await shop.harness.admin(`/sites/${shop.shop.siteId}`, {
    method: "PATCH",
    json: { allowedOrigins: [host.origin] },
  });
  if (!allowed.ok) throw new Error(`the site refused its origin: ${await allowed.text()}`);
  return {
    ...shop,
    api: api.origin,
    /** The shop's thank-you page for a front-end order, as WooCommerce's checkout ends on it. */
    thankYou: (order: FakeOrder) =>
      `${host.origin}/checkout/order-received/${order.id}/?key=${order.order_key}`,
    /** The orders the server made in the shop for accepted offers (linked to their front-end order). */
    linkedOrders: () => [...shop.fake.orders.values()].filter((order) => order.parent_id !== 0),
    payments: () => shop.harness.store.payments.list(shop.shop.siteId),
    async close() {
      await host.close();
      await api.close();
      await shop.close();
    },
  };
}
export type WooWorld = Awaited<ReturnType<typeof wooWorld>>;
