import type { Offer } from "../contract/index.ts";
import { type EngineInput, nextOffer, type Step } from "../offers/engine.ts";
import type { Order, Session, SiteConfig, Store } from "../store/store.ts";

/** Everything the engine needs about one session: the site's configuration and what this session was shown. */
export async function engineInput(
  store: Store,
  config: SiteConfig,
  session: Session,
  order: Order,
  now: number,
): Promise<EngineInput> {
  const steps = await store.sessions.steps(session.id);
  return {
    order,
    catalogue: config.products,
    offers: config.offers,
    steps,
    expiresAt: session.expiresAt,
    now,
  };
}

/** The offer to show now, recorded as shown if it is new to this session. */
export async function showNext(
  store: Store,
  session: Session,
  input: EngineInput,
  now: number,
): Promise<Offer | null> {
  const offer = nextOffer(input);
  if (offer && !input.steps.some((step: Step) => step.offerId === offer.id)) {
    await store.sessions.show(session, offer.id, offer.step, now);
  }
  return offer;
}
