import * as z from "zod/mini";
import type { OrderStatus } from "../contract/index.ts";
import { Currency, OrderLine } from "../contract/index.ts";
import { emailHash, hmacSha256, safeEqual, sha256Hex } from "../crypto.ts";
import { type NewOrder, NO_PAYMENT } from "../domain.ts";
import { AppError } from "../errors.ts";
import { parseJson, validate } from "../parse.ts";
import { LINK_META, metaValue } from "../payments/woocommerce/meta.ts";
import { toMinor } from "./money.ts";
import { type Incoming, type PaymentEvent, textOf, type Verified } from "./verified.ts";

/** The part of WooCommerce's order (REST API v3 shape) that Aquarium reads; the rest is ignored. */
const WooOrder = z.looseObject({
  id: z.int().check(z.positive()),
  order_key: z.string().check(z.minLength(1)),
  status: z.string(),
  currency: Currency,
  total: z.string(),
  date_created_gmt: z.string(),
  date_modified_gmt: z.nullish(z.string()),
  date_paid_gmt: z.nullish(z.string()),
  billing: z.optional(z.looseObject({ email: z.nullish(z.string()) })),
  meta_data: z.optional(z.array(z.looseObject({ key: z.string(), value: z.unknown() }))),
  /** Each refund's amount, negative: "-10.00". */
  refunds: z.optional(z.array(z.looseObject({ total: z.string() }))),
  line_items: z.array(
    z.looseObject({
      product_id: z.int(),
      sku: z.nullish(z.string()),
      name: z.nullish(z.string()),
      quantity: z.int().check(z.positive()),
      subtotal: z.string(),
    }),
  ),
});

/** WooCommerce's statuses, as far as offers care: only processing and completed orders are paid. */
const STATUS: Record<string, OrderStatus> = {
  processing: "paid",
  completed: "paid",
  refunded: "refunded",
  cancelled: "cancelled",
  failed: "cancelled",
};

/** WooCommerce writes GMT times without a zone: "2017-03-22T19:28:02". */
const gmt = (value: string) => Date.parse(`${value.replace(/Z$/, "")}Z`);

/**
 * WooCommerce answers a new webhook's creation with a ping (`webhook_id=N`, form-encoded, unsigned)
 * and only activates the webhook if it gets a 200: it must be acknowledged, and nothing stored.
 */
export function isWooCommercePing(incoming: Pick<Incoming, "raw" | "headers">): boolean {
  return (
    !incoming.headers.has("x-wc-webhook-signature") && /^webhook_id=\d+$/.test(textOf(incoming.raw).trim())
  );
}

/** Verifies `X-WC-Webhook-Signature` (base64 HMAC-SHA256 of the raw body) and maps the order. */
export function verifyWooCommerce({ siteId, raw, headers, secret }: Incoming): Verified {
  const signature = headers.get("x-wc-webhook-signature") ?? "";
  if (!safeEqual(signature, hmacSha256(secret, raw, "base64"))) {
    throw new AppError(
      "invalid_signature",
      "The X-WC-Webhook-Signature does not match this body and secret.",
    );
  }
  const delivery = headers.get("x-wc-webhook-delivery-id");
  if (!delivery) throw new AppError("invalid_request", "X-WC-Webhook-Delivery-ID is missing.");
  // WooCommerce makes the id from the webhook and the current second: two real deliveries in one second share
  // it. With the body's hash, a genuine second delivery is new, and a replay of the same bytes is recognised.
  const deliveryId = `${delivery}#${sha256Hex(raw).slice(0, 32)}`;

  const body = parseJson(textOf(raw));
  const topic = headers.get("x-wc-webhook-topic") ?? "";
  if (!topic.startsWith("order.") || topic === "order.deleted") return { deliveryId, order: null };
  return { deliveryId, ...readWooOrder(siteId, body) };
}

/**
 * An order as WooCommerce's REST API (and its webhooks) shows it: a front-end order, mapped to what Aquarium
 * keeps of orders; or the linked order of an accepted offer (its meta names the decision), which is not an
 * order with offers of its own but a payment moving on.
 */
export function readWooOrder(
  siteId: string,
  body: unknown,
): { order: NewOrder | null; payment?: PaymentEvent } {
  const woo = validate(WooOrder, body);
  if (metaValue(woo.meta_data, LINK_META.decision)) {
    const payment = linkedPayment(woo);
    return { order: null, ...(payment && { payment }) };
  }
  const status = STATUS[woo.status];
  if (!status) return { order: null };

  const paidAt = gmt(woo.date_paid_gmt ?? woo.date_created_gmt);
  if (Number.isNaN(paidAt)) throw new AppError("invalid_request", "date_paid_gmt is not a date.");
  const modified = gmt(woo.date_modified_gmt ?? "");
  return {
    order: {
      siteId,
      source: "woocommerce",
      externalId: String(woo.id),
      keyHash: sha256Hex(woo.order_key),
      lines: validate(
        z.array(OrderLine),
        woo.line_items.map((line) => ({
          product: String(line.product_id),
          ...(line.sku ? { sku: line.sku } : {}),
          // A name is only informative: a very long one is cut rather than refused.
          ...(line.name ? { name: line.name.slice(0, 500) } : {}),
          quantity: line.quantity,
          unitPrice: Math.round(toMinor(line.subtotal, woo.currency) / line.quantity),
        })),
      ),
      total: toMinor(woo.total, woo.currency),
      currency: woo.currency,
      emailHash: emailHash(woo.billing?.email),
      status,
      paidAt,
      sourceUpdatedAt: Number.isNaN(modified) ? paidAt : modified,
      ...NO_PAYMENT,
    },
  };
}

/**
 * A linked order's status as its payment's: paid once processing or completed (less what was refunded: a
 * partial refund leaves the order processing or completed, with refunds); failed when the payment failed or the
 * order was cancelled; refunded in full. Pending and on-hold (awaiting a bank transfer) change nothing yet.
 * Found by the linked order's id, which the payment keeps as its reference: a second order made for the same
 * decision (and cancelled) is no one's payment.
 */
function linkedPayment(woo: z.infer<typeof WooOrder>): PaymentEvent | null {
  const refunded = (woo.refunds ?? []).reduce(
    (sum, refund) => sum + toMinor(refund.total.replace(/^-/, ""), woo.currency),
    0,
  );
  const event = { decisionId: null, reference: String(woo.id), providerPayment: null };
  switch (woo.status) {
    case "processing":
    case "completed":
      return refunded > 0 ? { ...event, status: "refunded", refunded } : { ...event, status: "paid" };
    case "refunded":
      return { ...event, status: "refunded", refunded: refunded || toMinor(woo.total, woo.currency) };
    case "failed":
    case "cancelled":
      return { ...event, status: "failed" };
    default:
      return null;
  }
}
