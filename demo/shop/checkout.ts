import { createHmac, randomBytes, randomInt } from "node:crypto";
import type { CATALOGUE } from "../seed.ts";

type Item = (typeof CATALOGUE)[number];

export interface Checkout {
  /** Where the buyer goes after paying. */
  thankYou: string;
  /** The webhook the platform sends: path on the Aquarium server, headers and exact body. */
  delivery: { path: string; headers: Record<string, string>; body: string };
}

const decimal = (minor: number) => (minor / 100).toFixed(2);
const alnum = (length: number) =>
  randomBytes(length).toString("base64url").replace(/[-_]/g, "x").slice(0, length);

/** A WooCommerce order paid at once, and the `order.created` webhook WooCommerce would send about it. */
export function wooCommerceCheckout(item: Item, email: string, siteId: string, secret: string): Checkout {
  const id = randomInt(1000, 1_000_000);
  const key = `wc_order_${alnum(13)}`;
  const now = new Date().toISOString().slice(0, 19);
  const body = JSON.stringify({
    id,
    number: String(id),
    order_key: key,
    status: "processing",
    currency: "EUR",
    date_created_gmt: now,
    date_modified_gmt: now,
    date_paid_gmt: now,
    total: decimal(item.price),
    billing: { email },
    line_items: [
      {
        id: 1,
        name: item.name,
        product_id: 0,
        sku: item.sku,
        quantity: 1,
        subtotal: decimal(item.price),
        total: decimal(item.price),
      },
    ],
  });
  return {
    thankYou: `/shop/checkout/order-received/${id}/?key=${key}`,
    delivery: {
      path: `/v1/hooks/woocommerce/${siteId}`,
      body,
      headers: {
        "content-type": "application/json",
        "user-agent": "WooCommerce/9.4.0 Hookshot (WordPress/6.7)",
        "x-wc-webhook-topic": "order.created",
        "x-wc-webhook-resource": "order",
        "x-wc-webhook-event": "created",
        "x-wc-webhook-delivery-id": alnum(32),
        "x-wc-webhook-signature": createHmac("sha256", secret).update(body).digest("base64"),
      },
    },
  };
}

/** A paid Stripe Checkout session, and the `checkout.session.completed` event Stripe would send. */
export function stripeCheckout(item: Item, email: string, siteId: string, secret: string): Checkout {
  const session = `cs_test_${alnum(58)}`;
  const created = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    id: `evt_${alnum(24)}`,
    object: "event",
    type: "checkout.session.completed",
    created,
    data: {
      object: {
        id: session,
        object: "checkout.session",
        mode: "payment",
        status: "complete",
        payment_status: "paid",
        amount_subtotal: item.price,
        amount_total: item.price,
        currency: "eur",
        customer_details: { email },
        metadata: { aquarium_products: item.sku },
      },
    },
  });
  return { thankYou: `/shop/thanks/?session_id=${session}`, delivery: stripeDelivery(siteId, secret, body) };
}

/** A Stripe event as Stripe delivers it to a site's endpoint: signed (`Stripe-Signature`) with its secret, now. */
export function stripeDelivery(siteId: string, secret: string, body: string): Checkout["delivery"] {
  const created = Math.floor(Date.now() / 1000);
  const signature = createHmac("sha256", secret).update(`${created}.${body}`).digest("hex");
  return {
    path: `/v1/hooks/stripe/${siteId}`,
    body,
    headers: { "content-type": "application/json", "stripe-signature": `t=${created},v1=${signature}` },
  };
}
