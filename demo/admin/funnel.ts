import { MAX_OFFERS_PER_ORDER, type OfferConfig, type Product } from "../../server/contract/index.ts";
import { formatMoney } from "./money.ts";

/*
 * A site's offers as a seller thinks of them: when each is shown, where it stands in its funnel, and the funnel
 * drawn step by step as the engine walks it (server/offers/engine.ts): the first offer, then on accept its next
 * step and on decline its downsell, never an offer twice, never an inactive one, at most three per order.
 */

const quote = (name: string) => `“${name}”`;
const either = (words: string[]) =>
  words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;

/** When an offer is shown first, in words: "Orders with “Goldfish”, of at least $50.00, in USD". */
export function triggerWords(offer: OfferConfig, products: Product[]): string {
  if (offer.funnelOnly) return "Never first: only as a step of a funnel";
  const { trigger } = offer;
  const nameOf = (id: string) =>
    quote(products.find((product) => product.id === id)?.name ?? "a deleted product");
  const currency = trigger.currency ?? products.find((product) => product.id === offer.productId)?.currency;
  const conditions = [
    trigger.products.length > 0 && `with ${either(trigger.products.map(nameOf))}`,
    trigger.tags.length > 0 && `with a product tagged ${either(trigger.tags)}`,
    trigger.minTotal !== null &&
      `of at least ${currency ? formatMoney(trigger.minTotal, currency) : trigger.minTotal}`,
    trigger.currency !== null && `in ${trigger.currency}`,
  ].filter((condition): condition is string => Boolean(condition));
  return conditions.length === 0 ? "Every order" : `Orders ${conditions.join(", ")}`;
}

/** A step of a funnel: which offer leads to which, on which answer. */
export type Branch = "accepted" | "declined";
const FIELD = { accepted: "nextId", declined: "downsellId" } as const;

/** The offers that lead to this one, and on which answer. */
export function leadingTo(offer: OfferConfig, offers: OfferConfig[]): { from: OfferConfig; on: Branch }[] {
  return offers.flatMap((other) =>
    other.id === offer.id
      ? []
      : (["accepted", "declined"] as const)
          .filter((on) => other[FIELD[on]] === offer.id)
          .map((on) => ({ from: other, on })),
  );
}

/** Where an offer stands: first offer, a step after others, or reached by nothing. */
export function placeWords(offer: OfferConfig, offers: OfferConfig[]): string {
  const after = leadingTo(offer, offers).map(({ from, on }) => `after ${quote(from.name)} is ${on}`);
  if (!offer.funnelOnly) return ["First offer", ...after].join("; ");
  if (after.length === 0) return "Never shown: no offer leads here yet";
  const words = after.join("; ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What follows an answer: the next step, or why the funnel ends there. */
export type Next =
  | { step: FunnelStep }
  | { end: "none" | "inactive" | "shown-before" | "last-step" | "missing"; offer?: OfferConfig };

export interface FunnelStep {
  offer: OfferConfig;
  /** 1 for the first offer, up to MAX_OFFERS_PER_ORDER. */
  number: number;
  accepted: Next;
  declined: Next;
}

/** The funnel from `first`, as the engine would walk it for an order that gets `first`. */
export function funnelFrom(first: OfferConfig, offers: OfferConfig[]): FunnelStep {
  const walk = (offer: OfferConfig, number: number, path: string[]): FunnelStep => {
    const follow = (on: Branch): Next => {
      const id = offer[FIELD[on]];
      if (!id) return { end: "none" };
      const next = offers.find((candidate) => candidate.id === id);
      if (!next) return { end: "missing" };
      if (number >= MAX_OFFERS_PER_ORDER) return { end: "last-step", offer: next };
      if (path.includes(next.id)) return { end: "shown-before", offer: next };
      if (!next.active) return { end: "inactive", offer: next };
      return { step: walk(next, number + 1, [...path, next.id]) };
    };
    return { offer, number, accepted: follow("accepted"), declined: follow("declined") };
  };
  return walk(first, 1, [first.id]);
}

/** Whether a funnel shows this offer at one of its steps. */
function reaches(step: FunnelStep, id: string): boolean {
  return (
    step.offer.id === id ||
    (["accepted", "declined"] as const).some((on) => {
      const next = step[on];
      return "step" in next && reaches(next.step, id);
    })
  );
}

/** The funnels an offer is part of: those of every offer shown first that reaches it (its own, if it is one). */
export function funnelsWith(offer: OfferConfig, offers: OfferConfig[]): FunnelStep[] {
  return offers
    .filter((first) => !first.funnelOnly)
    .map((first) => funnelFrom(first, offers))
    .filter((funnel) => reaches(funnel, offer.id));
}
