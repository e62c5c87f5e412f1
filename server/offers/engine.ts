import type { Offer, OfferConfig, OrderLine, Product } from "../contract/index.ts";
import { discountedPrice } from "./pricing.ts";
import { matches, orderFacts } from "./trigger.ts";

/** A buyer sees at most this many offers per order: an upsell, and at most two more steps of its funnel. */
export const MAX_OFFERS_PER_ORDER = 3;

/** One offer a session was shown, in order, and what the buyer decided (null: not yet). */
export interface Step {
  offerId: string;
  action: "accept" | "decline" | null;
}

export interface EngineInput {
  order: { lines: OrderLine[]; total: number; currency: string };
  catalogue: Product[];
  offers: OfferConfig[];
  steps: Step[];
  /** When the order's offer window closes, epoch ms. */
  expiresAt: number;
  now: number;
}

/**
 * The offer engine: data and time in, the one offer to show now out (or null). Pure: no I/O, no clock.
 *
 * - An undecided offer stays the offer until it is decided or the window closes.
 * - The first offer is the highest-priority active offer whose trigger matches the order.
 * - After a decision the funnel moves: accept → the offer's next upsell, decline → its downsell, else done.
 * - Never a product the order holds, never another currency than the order's, never an offer twice,
 *   never more than three offers per order.
 */
export function nextOffer(input: EngineInput): Offer | null {
  const { order, catalogue, offers, steps, expiresAt, now } = input;
  if (now >= expiresAt) return null;

  const facts = orderFacts(order, catalogue);
  const productOf = (offer: OfferConfig) => catalogue.find((product) => product.id === offer.productId);
  const shown = new Set(steps.map((step) => step.offerId));
  const offerable = (offer: OfferConfig | undefined): offer is OfferConfig => {
    const product = offer && productOf(offer);
    return Boolean(
      offer?.active && product && product.currency === order.currency && !facts.productIds.has(product.id),
    );
  };

  const last = steps.at(-1);
  let chosen: OfferConfig | undefined;
  if (last && last.action === null) {
    chosen = offers.find((offer) => offer.id === last.offerId);
  } else if (steps.length >= MAX_OFFERS_PER_ORDER) {
    return null;
  } else if (last) {
    const decided = offers.find((offer) => offer.id === last.offerId);
    const followId = last.action === "accept" ? decided?.nextId : decided?.downsellId;
    chosen = offers.find((offer) => offer.id === followId && !shown.has(offer.id));
  } else {
    chosen = offers
      .filter((offer) => offerable(offer) && matches(offer.trigger, facts))
      .sort(
        (a, b) =>
          b.priority - a.priority || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
      )[0];
  }
  if (!offerable(chosen)) return null;

  const product = productOf(chosen) as Product;
  const step = last && last.action === null ? steps.length : steps.length + 1;
  return {
    id: chosen.id,
    title: chosen.title ?? product.name,
    description: chosen.description ?? product.description,
    image: product.imageUrl,
    product: product.id,
    regularPrice: product.price,
    price: discountedPrice(product.price, chosen.discount),
    currency: product.currency,
    discount: chosen.discount,
    quantityMax: chosen.quantityMax,
    expiresAt: new Date(expiresAt).toISOString(),
    step,
  };
}
