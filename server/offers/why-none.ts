import type { ClaimOutcome } from "../contract/index.ts";
import type { EngineInput } from "./engine.ts";
import { matches, orderFacts } from "./trigger.ts";

/** The reasons an order gets no offer, for the seller's cockpit (the buyer is never told). */
export type NoOfferReason = Extract<
  ClaimOutcome,
  | "window_closed"
  | "payment_pending"
  | "funnel_done"
  | "no_active_offer"
  | "no_matching_offer"
  | "other_currency"
  | "already_bought"
>;

/**
 * Why `nextOffer` found nothing for this input, told the way the seller can act on it. Pure, like the engine;
 * asked only after the engine answered null, and only to explain it.
 */
export function whyNoOffer({ order, catalogue, offers, steps, expiresAt, now }: EngineInput): NoOfferReason {
  if (now >= expiresAt) return "window_closed";
  const last = steps.at(-1);
  if (last?.outcome === "pending") return "payment_pending";
  // Shown before: the funnel has nowhere left to go (or its open offer was withdrawn).
  if (last) return "funnel_done";
  const active = offers.filter((offer) => offer.active);
  if (active.length === 0) return "no_active_offer";
  const facts = orderFacts(order, catalogue);
  const matching = active.filter((offer) => matches(offer.trigger, facts));
  if (matching.length === 0) return "no_matching_offer";
  const currencyOf = (productId: string) => catalogue.find((product) => product.id === productId)?.currency;
  const priced = matching.filter((offer) => currencyOf(offer.productId) === order.currency);
  return priced.length === 0 ? "other_currency" : "already_bought";
}
