import type { Offer, Site } from "../contract/index.ts";
import { type EngineInput, nextOffer, type Step } from "../offers/engine.ts";
import type { Order, Session, Store } from "../store/store.ts";

/** Everything the engine needs about one session, read from the store in one place. */
export async function engineInput(
  store: Store,
  site: Site,
  session: Session,
  order: Order,
  now: number,
): Promise<EngineInput> {
  const [catalogue, offers, steps] = await Promise.all([
    store.products.list(site.id),
    store.offers.list(site.id),
    store.sessions.steps(session.id),
  ]);
  return { order, catalogue, offers, steps, expiresAt: session.expiresAt, now };
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
