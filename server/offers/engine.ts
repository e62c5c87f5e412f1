import {
  discountedPrice,
  MAX_OFFERS_PER_ORDER,
  type Offer,
  type OfferConfig,
  type OrderLine,
  type Product,
} from "../contract/index.ts";
import type { Step } from "../domain.ts";
import { matches, orderFacts } from "./trigger.ts";

// Written in the contract, where the admin's funnel drawing reads it too.
export { MAX_OFFERS_PER_ORDER };

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
 * - An undecided offer stays the offer, exactly as it was shown, until it is decided, the window closes or
 *   the seller withdraws it; while an accept's payment is in flight, nothing new is shown.
 * - The first offer is the highest-priority active offer whose trigger matches the order, among those not
 *   marked "only as a funnel step".
 * - After a decision the funnel moves: paid or pending accept → the offer's next upsell, decline or failed
 *   payment → its downsell, else done.
 * - Never a product the order holds, never another currency than the order's, never an offer twice,
 *   never more than three offers per order, never a new offer whose discount leaves nothing to pay (a
 *   product's price lowered under its offer's fixed amount off).
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
  const leavesSomethingToPay = (offer: OfferConfig) => {
    const { price } = productOf(offer) as Product;
    return price === 0 || discountedPrice(price, offer.discount) > 0;
  };

  const last = steps.at(-1);
  const open = last?.outcome === null;
  let chosen: OfferConfig | undefined;
  if (last?.outcome === "pending") {
    return null;
  } else if (last && open) {
    chosen = offers.find((offer) => offer.id === last.offerId);
  } else if (steps.length >= MAX_OFFERS_PER_ORDER) {
    return null;
  } else if (last) {
    const decided = offers.find((offer) => offer.id === last.offerId);
    const followId = last.outcome === "accepted" ? decided?.nextId : decided?.downsellId;
    chosen = offers.find((offer) => offer.id === followId && !shown.has(offer.id));
    if (offerable(chosen) && !leavesSomethingToPay(chosen)) return null;
  } else {
    chosen = offers
      .filter(
        (offer) =>
          offerable(offer) &&
          !offer.funnelOnly &&
          leavesSomethingToPay(offer) &&
          matches(offer.trigger, facts),
      )
      .sort(
        (a, b) =>
          b.priority - a.priority || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
      )[0];
  }
  if (!offerable(chosen)) return null;
  // What was shown stands: a price or product changed since does not change an open offer.
  if (last && open && last.shown) return last.shown;

  const product = productOf(chosen) as Product;
  const step = last && open ? steps.length : steps.length + 1;
  return {
    id: chosen.id,
    title: chosen.title ?? product.name,
    productName: product.name,
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

/**
 * An offer shown but since deactivated or deleted by the seller, or whose product was deleted: it can no
 * longer be accepted (a change of price or product is not a withdrawal: the buyer gets what they were shown).
 */
export function isWithdrawn(
  shown: Pick<Offer, "id" | "product">,
  config: { offers: OfferConfig[]; catalogue: Product[] },
): boolean {
  const offer = config.offers.find((candidate) => candidate.id === shown.id);
  return !offer?.active || !config.catalogue.some((product) => product.id === shown.product);
}
