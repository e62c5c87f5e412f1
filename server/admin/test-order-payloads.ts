import { randomBytes, randomInt } from "node:crypto";
import { Webhook } from "standardwebhooks";
import type { HookSource, OrderLine, OrderPayload } from "../contract/index.ts";
import { hmacSha256 } from "../crypto.ts";
import { toDecimal } from "../orders/money.ts";

/** What a test order holds: its lines (SKUs of the catalogue), total and currency. */
export interface TestOrderContent {
  lines: (OrderLine & { sku: string; name: string })[];
  total: number;
  currency: string;
}

/** A delivery exactly as the platform would send it, signed with the site's secret for that platform. */
export interface SignedDelivery {
  /** The platform's own id of the order. */
  orderId: string;
  body: string;
  headers: Headers;
  /** The path, under the preview page, and the query a thank-you page for this order has on that platform. */
  thankYou: string;
}

const alphanumeric = (length: number) =>
  randomBytes(length * 2)
    .toString("base64")
    .replace(/[^A-Za-z0-9]/g, "")
    .slice(0, length);

/** WooCommerce writes GMT times without a zone, to the second. */
const wooTime = (at: number) => new Date(at).toISOString().slice(0, 19);

/**
 * A WooCommerce `order.created` webhook of a processing (paid) order, signed as WooCommerce signs
 * (base64 HMAC-SHA256 of the body). Its id is far above any shop's own order numbers.
 */
function wooCommerce(content: TestOrderContent, secret: string, now: number): SignedDelivery {
  const id = randomInt(100_000_000_000_000, 200_000_000_000_000);
  const key = `wc_order_${alphanumeric(13)}`;
  const body = JSON.stringify({
    id,
    order_key: key,
    status: "processing",
    currency: content.currency,
    total: toDecimal(content.total, content.currency),
    date_created_gmt: wooTime(now),
    date_modified_gmt: wooTime(now),
    date_paid_gmt: wooTime(now),
    line_items: content.lines.map((line, index) => ({
      product_id: 900_000 + index,
      sku: line.sku,
      name: line.name,
      quantity: line.quantity,
      subtotal: toDecimal(line.unitPrice * line.quantity, content.currency),
    })),
  });
  const headers = new Headers({
    "content-type": "application/json",
    "x-wc-webhook-topic": "order.created",
    "x-wc-webhook-delivery-id": `aquarium-test-${alphanumeric(12)}`,
    "x-wc-webhook-signature": hmacSha256(secret, body, "base64"),
  });
  return { orderId: String(id), body, headers, thankYou: `checkout/order-received/${id}/?key=${key}` };
}

/**
 * A Stripe `checkout.session.completed` event of a paid Checkout Session listing its SKUs in
 * `metadata.aquarium_products`, signed as Stripe signs (`t=…,v1=…`).
 */
function stripe(content: TestOrderContent, secret: string, now: number): SignedDelivery {
  const seconds = Math.floor(now / 1000);
  const session = `cs_test_aquarium${alphanumeric(24)}`;
  const body = JSON.stringify({
    id: `evt_test_aquarium${alphanumeric(16)}`,
    object: "event",
    type: "checkout.session.completed",
    created: seconds,
    livemode: false,
    data: {
      object: {
        id: session,
        object: "checkout.session",
        mode: "payment",
        status: "complete",
        payment_status: "paid",
        amount_subtotal: content.total,
        amount_total: content.total,
        currency: content.currency.toLowerCase(),
        customer: null,
        payment_intent: null,
        payment_link: null,
        metadata: {
          aquarium_products: content.lines.map((line) => `${line.sku}:${line.quantity}`).join(","),
        },
      },
    },
  });
  const signature = hmacSha256(secret, `${seconds}.${body}`, "hex");
  const headers = new Headers({
    "content-type": "application/json",
    "stripe-signature": `t=${seconds},v1=${signature}`,
  });
  return { orderId: session, body, headers, thankYou: `thank-you?session_id=${session}` };
}

/**
 * Aquarium's own order shape, signed per Standard Webhooks with the site's `orders` secret. Signed at the real
 * time, not `now`: the reference library that verifies it checks the timestamp against the real clock.
 */
function generic(content: TestOrderContent, secret: string, now: number): SignedDelivery {
  const signedAt = new Date();
  const id = `test_${alphanumeric(12)}`;
  const ref = alphanumeric(32);
  const payload: OrderPayload = {
    id,
    ref,
    status: "paid",
    currency: content.currency,
    total: content.total,
    lines: content.lines,
    paidAt: new Date(now).toISOString(),
  };
  const body = JSON.stringify(payload);
  const messageId = `msg_aquarium_test_${alphanumeric(16)}`;
  const headers = new Headers({
    "content-type": "application/json",
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(signedAt.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(messageId, signedAt, body),
  });
  return { orderId: id, body, headers, thankYou: `thank-you?order=${ref}` };
}

/** The query parameter the preview page names for the generic source's reference (`data-order-param`). */
export const PREVIEW_ORDER_PARAM = "order";

export const SIGNED_BY: Record<
  HookSource,
  (content: TestOrderContent, secret: string, now: number) => SignedDelivery
> = {
  woocommerce: wooCommerce,
  stripe,
  orders: generic,
};
