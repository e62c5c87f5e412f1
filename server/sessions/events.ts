import {
  type Decision,
  EVENT_VERSION,
  type Offer,
  type SellerEvent,
  type SellerEventType,
} from "../contract/index.ts";
import type { Order, OutboundEvent, SiteConfig } from "../domain.ts";

/**
 * The seller's event for a decision, from the same values as the decision and its payment, so the three
 * always agree: the offer as the buyer saw it, the order as the seller's platform knows it.
 */
export function decisionEvent(
  config: SiteConfig,
  order: Order,
  shown: Offer,
  decision: Decision,
  now: number,
  type: SellerEventType = decision.action === "accept" ? "offer.accepted" : "offer.declined",
): OutboundEvent {
  const product = config.products.find((candidate) => candidate.id === shown.product);
  const payload: SellerEvent = {
    type,
    version: EVENT_VERSION,
    timestamp: new Date(now).toISOString(),
    ...(order.test && { test: true as const }),
    data: {
      site: config.site.id,
      order: { source: order.source, id: order.externalId, total: order.total, currency: order.currency },
      offer: {
        id: shown.id,
        title: shown.title,
        step: shown.step,
        regularPrice: shown.regularPrice,
        price: shown.price,
        currency: shown.currency,
        product: { id: shown.product, sku: product?.sku ?? null, name: product?.name ?? shown.title },
      },
      decision,
    },
  };
  return { type, payload };
}
