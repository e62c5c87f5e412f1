import type { Offer, OrderReference, Site } from "../contract/index.ts";
import type { Order, Session, SiteConfig, Step } from "../domain.ts";
import type { Logger } from "../log.ts";
import { type EngineInput, nextOffer } from "../offers/engine.ts";
import type { PaymentLinks } from "../payments/links.ts";
import type { PaymentProviders } from "../payments/provider.ts";
import type { Store } from "../store/store.ts";

/** What the session use cases work with: no HTTP, no clock (each call is given `now`). */
export interface SessionsDeps {
  store: Store;
  payments: PaymentProviders;
  logger: Logger;
  /** This server's pages a buyer is sent to about a payment (the bank's confirmation, the way back). */
  links: PaymentLinks;
  /** Reads an order the server has not heard of yet from its platform, and registers it if it is paid. */
  pull?: PullOrder;
}

/** An order reference the server can look up on the seller's platform, with the seller's API connection. */
export type PulledReference = Extract<OrderReference, { source: "stripe" | "woocommerce" }>;

/**
 * Reads the order a reference names from its platform (a Stripe Checkout Session, a WooCommerce order) and
 * registers it if it is paid; null for anything else, or when the site has no connection to read it with.
 */
export type PullOrder = (site: Site, ref: PulledReference, now: number) => Promise<Order | null>;

/** A session the request may act on, with its site's configuration and its order. */
export interface SessionWorld {
  session: Session;
  config: SiteConfig;
  order: Order;
}

/** Everything the engine needs about one session: the site's configuration and what this session was shown. */
export async function engineInput(store: Store, world: SessionWorld, now: number): Promise<EngineInput> {
  return inputWith(world, await store.sessions.steps(world.session.id), now);
}

export function inputWith({ config, session, order }: SessionWorld, steps: Step[], now: number): EngineInput {
  return {
    order,
    catalogue: config.products,
    offers: config.offers,
    steps,
    expiresAt: session.expiresAt,
    now,
  };
}

/** The offer to show now, recorded as shown (exactly as shown) if it is new to this session. */
export async function showNext(
  store: Store,
  session: Session,
  input: EngineInput,
  now: number,
): Promise<Offer | null> {
  const offer = nextOffer(input);
  if (offer && !input.steps.some((step) => step.offerId === offer.id)) {
    await store.sessions.show(session, offer, now);
  }
  return offer;
}

/** The steps with one offer's outcome decided: what the engine reads to move the funnel on. */
export const decidedSteps = (steps: Step[], offerId: string, outcome: Step["outcome"]): Step[] =>
  steps.map((step) => (step.offerId === offerId ? { ...step, outcome } : step));
