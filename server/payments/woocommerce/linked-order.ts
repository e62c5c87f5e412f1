import { toDecimal } from "../../orders/money.ts";
import type { ChargeRequest } from "../provider.ts";
import type { NewRestOrder } from "./api.ts";
import { LINK_META, metaValue } from "./meta.ts";
import type { RestOrder, RestProduct } from "./shapes.ts";

/*
 * The linked order: what WooCommerce is asked to make for an accepted offer, and what the seller reads on it.
 */

/** Why no product could be offered: the shop has none with the catalogue product's SKU. */
export const noProduct = (sku: string) =>
  `The shop has no product with the SKU "${sku}": give the WooCommerce product this SKU.`;

/** Why the shop's product cannot be sold now, in words the seller acts on; null when it can. */
export function unavailable(product: RestProduct, sku: string, quantity: number): string | null {
  const name = `The shop's product "${product.name}" (SKU ${sku})`;
  if (product.type === "variable" || product.type === "grouped")
    return `${name} is a ${product.type} product: give the SKU to the variation or product the buyer receives.`;
  if (product.purchasable === false) return `${name} cannot be bought: it has no price or is not published.`;
  if (product.stock_status === "outofstock") return `${name} is out of stock.`;
  const counted = product.manage_stock === true && typeof product.stock_quantity === "number";
  if (counted && (product.stock_quantity as number) < quantity && !product.backorders_allowed)
    return `${name} has only ${product.stock_quantity} left in stock.`;
  return null;
}

/**
 * A pending order, for the original order's customer and addresses, in its currency, of one line: the offered
 * product × the quantity at exactly the shown price (`subtotal` and `total`; without them WooCommerce would
 * price the line from its catalogue), linked to the original order by `parent_id` and meta naming it and the
 * decision. No shipping line: the offer ships with the original order, at no extra charge.
 */
export function linkedOrderBody(
  request: ChargeRequest,
  parent: RestOrder,
  product: RestProduct,
): NewRestOrder {
  const amount = toDecimal(request.amount, request.currency);
  const line =
    product.type === "variation" && product.parent_id
      ? { product_id: product.parent_id, variation_id: product.id }
      : { product_id: product.id };
  return {
    parent_id: parent.id,
    status: "pending",
    set_paid: false,
    currency: parent.currency,
    customer_id: parent.customer_id ?? 0,
    billing: parent.billing ?? {},
    shipping: parent.shipping ?? {},
    line_items: [{ ...line, quantity: request.quantity, subtotal: amount, total: amount }],
    meta_data: [
      { key: LINK_META.parent, value: String(parent.id) },
      { key: LINK_META.decision, value: request.decisionId },
    ],
  };
}

/** The linked orders of this decision among an order's children, oldest first (normally one). */
export const ofDecision = (children: RestOrder[], decisionId: string): RestOrder[] =>
  children
    .filter((order) => metaValue(order.meta_data, LINK_META.decision) === decisionId)
    .sort((a, b) => a.id - b.id);

const price = (request: ChargeRequest) =>
  `${toDecimal(request.amount, request.currency)} ${request.currency}`;

/** What the seller reads on the linked order: where it comes from, and that nothing is charged until the buyer pays. */
export const createdNote = (request: ChargeRequest) =>
  `Aquarium: the buyer of order #${request.order.externalId} accepted a post-purchase offer, ${request.description}, for ${price(request)} (decision ${request.decisionId}). They pay it on this order's payment page; nothing is charged until they do.`;

/** Why Aquarium cancelled a linked order that WooCommerce priced otherwise than the buyer was shown. */
export const repricedNote = (request: ChargeRequest, order: RestOrder) =>
  `Aquarium cancelled this order: WooCommerce priced it at ${order.total} ${order.currency} (taxes or fees added by the shop's settings), but the buyer was shown ${price(request)} and is never asked for another amount (decision ${request.decisionId}). To take offers' payments through WooCommerce, offer products the shop adds no tax or fee to.`;

/** Why Aquarium cancelled a second linked order made for one decision (two attempts raced). */
export const duplicateNote = (request: ChargeRequest, kept: RestOrder) =>
  `Aquarium cancelled this order: it repeats order #${kept.id}, made for the same accepted offer (decision ${request.decisionId}). The buyer pays order #${kept.id} only.`;

/** The reason a payment failed because the shop priced the linked order otherwise than shown. */
export const repricedReason = (request: ChargeRequest, order: RestOrder) =>
  `The shop priced the linked order #${order.id} at ${order.total} ${order.currency} instead of the shown ${price(request)} (taxes or fees added): it was cancelled, nothing is charged.`;

/** The order's own payment page, where the buyer pays with any of the shop's methods. */
export function paymentPage(order: RestOrder, shopUrl: string): string | null {
  // Current WooCommerce answers `payment_url`; older ones do not, and the default checkout address is used.
  const page =
    order.payment_url ??
    `${shopUrl.replace(/\/+$/, "")}/checkout/order-pay/${order.id}/?pay_for_order=true&key=${encodeURIComponent(order.order_key)}`;
  try {
    const url = new URL(page);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}
