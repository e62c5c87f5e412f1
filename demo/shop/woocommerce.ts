import { createHmac, randomBytes } from "node:crypto";
import { getConnInfo } from "@hono/node-server/conninfo";
import { Hono } from "hono";
import type { Deps } from "../../server/deps.ts";
import { snippet } from "../../server/embed/bundle.ts";
import { CATALOGUE, seedDemo } from "../seed.ts";
import { type WooCommerceStandIn, wooCommerceStandIn } from "../stand-ins/woocommerce.ts";
import { STAND_IN_LABEL, wooCommercePages } from "../stand-ins/woocommerce-pages.ts";
import type { Checkout } from "./checkout.ts";
import { layout, thankYouPage } from "./pages.ts";

/** The WooCommerce seller of the demo: the same shop, its offers paid as linked orders of its stand-in shop. */
export const DEMO_WOO_SITE_NAME = "Aquarium demo shop on WooCommerce (stand-in)";
/** The REST API key the stand-in answers to: no shop's, so it may be written here. */
export const DEMO_WOO_KEY = "ck_aquariumDemoStandInForWooCommerce";
export const DEMO_WOO_SECRET = "cs_aquariumDemoStandInForWooCommerce";

const alnum = (length: number) =>
  randomBytes(length).toString("base64url").replace(/[-_]/g, "x").slice(0, length);

/** An order webhook as WooCommerce delivers it to a site: signed (`X-WC-Webhook-Signature`) with its secret. */
export function wooDelivery(
  siteId: string,
  secret: string,
  topic: string,
  body: string,
): Checkout["delivery"] {
  const [resource = "order", event = "updated"] = topic.split(".");
  return {
    path: `/v1/hooks/woocommerce/${siteId}`,
    body,
    headers: {
      "content-type": "application/json",
      "user-agent": "WooCommerce/9.4.0 Hookshot (WordPress/6.7)",
      "x-wc-webhook-topic": topic,
      "x-wc-webhook-resource": resource,
      "x-wc-webhook-event": event,
      "x-wc-webhook-delivery-id": alnum(32),
      "x-wc-webhook-signature": createHmac("sha256", secret).update(body).digest("base64"),
    },
  };
}

export interface WooCommerceSeller {
  siteId: string;
  standIn: WooCommerceStandIn;
  /** A paid order of `item` at the stand-in shop, and the signed webhook WooCommerce would send about it. */
  checkout(item: (typeof CATALOGUE)[number], email: string): Checkout;
  /** The stand-in shop: its REST API and its order-pay page (mounted at /stand-ins/woocommerce). */
  standInRoutes: Hono;
  /** The checkout through the stand-in, and its thank-you pages with this site's snippet (at /shop/woocommerce). */
  shopRoutes: Hono;
}

/**
 * The WooCommerce seller, seeded once (the demo's catalogue and funnels; payments `woocommerce`, its REST API
 * connection pointing at the stand-in shop on this very server, over plain http on loopback, which only a
 * development server allows): an accepted offer becomes a linked order of the stand-in, paid on its order-pay
 * page, whose webhook reaches the server signed as WooCommerce's.
 */
export async function wooCommerceSeller(deps: Deps): Promise<WooCommerceSeller> {
  const { store, config, logger } = deps;
  const now = Date.now();
  const base = `${config.publicUrl}/stand-ins/woocommerce`;
  const standIn = wooCommerceStandIn({
    base,
    thankYou: `${config.publicUrl}/shop/woocommerce`,
    currency: "EUR",
    keys: [{ key: DEMO_WOO_KEY, secret: DEMO_WOO_SECRET, permissions: "read_write" }],
    plainHttpFromLoopback: true,
    // The stand-in forgets its orders when the demo stops, and the database does not: new ids each run.
    firstId: 100_000 + (Math.floor(now / 1000) % 100_000) * 100,
  });
  for (const item of CATALOGUE)
    standIn.addProduct({
      name: item.name,
      sku: item.sku,
      price: (item.price / 100).toFixed(2),
      short_description: item.description,
    });
  const site = await seedDemo(store, config.publicUrl, now, {
    name: DEMO_WOO_SITE_NAME,
    payments: "woocommerce",
  });
  await store.sites.setSecret(
    site.siteId,
    "woocommerce-api",
    JSON.stringify({ url: base, key: DEMO_WOO_KEY, secret: DEMO_WOO_SECRET }),
    now,
  );
  const secret = (await store.sites.secret(site.siteId, "woocommerce")) ?? "";
  const send = async (delivery: Checkout["delivery"]) => {
    const answer = await fetch(`${config.publicUrl}${delivery.path}`, {
      method: "POST",
      headers: delivery.headers,
      body: delivery.body,
    }).catch((error: unknown) => ({ ok: false, status: String(error) }));
    if (!answer.ok) logger.warn({ status: answer.status }, "the WooCommerce stand-in's webhook was refused");
    return answer.ok;
  };
  standIn.onEvent = async (topic, order) => {
    await send(wooDelivery(site.siteId, secret, topic, JSON.stringify(order)));
  };

  const checkout = (item: (typeof CATALOGUE)[number], email: string): Checkout => {
    const order = standIn.paidOrder([{ sku: item.sku, quantity: 1 }]);
    Object.assign(order.billing as Record<string, unknown>, { email });
    return {
      thankYou: `/shop/woocommerce/checkout/order-received/${order.id}/?key=${order.order_key}`,
      delivery: wooDelivery(site.siteId, secret, "order.created", JSON.stringify(order)),
    };
  };

  const pages = wooCommercePages(standIn);
  const standInRoutes = new Hono({ strict: false }).all("*", async (c) => {
    if (!new URL(c.req.url).pathname.includes("/wp-json/")) return pages(c.req.raw);
    const answer = await standIn.api(c.req.raw, {
      secure: false,
      remoteAddress: getConnInfo(c).remote.address ?? "",
    });
    return answer ?? new Response(null, { status: 502 });
  });

  const shopRoutes = new Hono({ strict: false });
  shopRoutes.post("/checkout", async (c) => {
    const form = await c.req.parseBody();
    const item = CATALOGUE.find((entry) => entry.sku === String(form.sku ?? ""));
    if (!item?.front) return c.html(layout("Not found", "<h1>Not found</h1>"), 404);
    const made = checkout(item, String(form.email ?? "buyer@example.com").slice(0, 200));
    if (!(await send(made.delivery)))
      return c.html(layout("Payment failed", "<h1>The order could not be registered</h1>"), 502);
    return c.redirect(made.thankYou, 303);
  });
  shopRoutes.get("/checkout/order-received/:id", (c) =>
    c.html(
      thankYouPage(
        "Thank you. Your order has been received.",
        `Order number: ${c.req.param("id")}`,
        deps.bundle ? snippet(deps.bundle, config.publicUrl, site.siteId) : "<!-- npm run build -->",
      ),
    ),
  );
  return { siteId: site.siteId, standIn, checkout, standInRoutes, shopRoutes };
}

/** The product page's checkout through the stand-in shop (a button of its form, posting to /shop/woocommerce). */
export function wooCommerceChoice(): string {
  return `<fieldset><legend>WooCommerce (stand-in): the offer becomes an order of the shop, paid on its order-pay page — ${STAND_IN_LABEL}</legend>
<button class="alt" formaction="/shop/woocommerce/checkout">Buy now (a WooCommerce shop taking the offer's payment)</button></fieldset>`;
}
