import type { OfferConfig } from "../contract/index.ts";

/** An offer that may be shown first: active, and not only a step of another offer's funnel. */
export const showsFirst = (offer: OfferConfig): boolean =>
  offer.active && !("funnelOnly" in offer && offer.funnelOnly === true);

/** The offers that may be shown first, in the engine's order of preference (priority, then the oldest). */
export const firstOffers = (offers: OfferConfig[]): OfferConfig[] =>
  offers
    .filter(showsFirst)
    .sort(
      (a, b) => b.priority - a.priority || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
    );
