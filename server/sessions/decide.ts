import {
  type Decision,
  type DecisionRequest,
  type DecisionResponse,
  describeFields,
  type Offer,
} from "../contract/index.ts";
import { sha256Hex } from "../crypto.ts";
import type { DecisionRecord } from "../domain.ts";
import { AppError } from "../errors.ts";
import { newId } from "../ids.ts";
import { isWithdrawn, nextOffer } from "../offers/engine.ts";
import { sessionAccess } from "./access.ts";
import { decidedSteps, inputWith, type SessionsDeps, type SessionWorld } from "./context.ts";
import { decisionEvent } from "./events.ts";
import { paymentKey, settle } from "./settle.ts";

export interface DecideInput {
  sessionId: string;
  /** The bearer secret the browser presents. */
  secret: string | null;
  origin: string | null;
  /** This server's own origin (its thank-you page preview, for the admin's test orders). */
  ownOrigin?: string;
  idempotencyKey: string;
  request: DecisionRequest;
  now: number;
}

/**
 * Accept or decline the open offer, exactly once, against exactly what the buyer was shown.
 *
 * The decision that wins (the unique constraints pick one among any number of racers, over any number of
 * processes) is written first, with its payment still to be made; only then is the provider charged, with a
 * key derived from that decision, and the outcome settled. A crash in between leaves a pending decision that
 * a retry or the recovery pass settles with the same key: never two charges, never a lost one.
 */
export async function decide(deps: SessionsDeps, input: DecideInput): Promise<DecisionResponse> {
  const { store } = deps;
  const { request, idempotencyKey, now } = input;
  const world = await sessionAccess(store, input);
  const quantity = request.quantity ?? 1;
  const requestHash = sha256Hex(JSON.stringify([request.offer, request.action, quantity]));
  const answerWith = (stored: DecisionRecord) => earlierAnswer(deps, stored, world, input, requestHash);

  const earlier = await store.decisions.forRequest(world.session.id, {
    idempotencyKey,
    offerId: request.offer,
  });
  if (earlier) return answerWith(earlier);

  if (now >= world.session.expiresAt) throw new AppError("offer_expired", "This offer has expired.");
  if (world.order.status !== "paid") throw orderNotPaid();
  const engine = inputWith(world, world.steps, now);
  const last = engine.steps.at(-1);
  if (!last || last.offerId !== request.offer || last.outcome !== null) {
    // A racer may have decided it between our two reads: answer as if it had come first.
    const decided = await store.decisions.find(world.session.id, { offerId: request.offer });
    if (decided) return answerWith(decided);
    throw new AppError("not_found", "This offer is not open in this session.");
  }
  const shown = last.shown ?? (await snapshotLegacy(deps, world, nextOffer(engine), now));
  if (!shown || shown.id !== request.offer)
    throw new AppError("not_found", "This offer is not open in this session.");
  if (quantity > shown.quantityMax) {
    const fields = { quantity: `must be ${shown.quantityMax} or less for this offer` };
    throw new AppError("invalid_request", describeFields(fields), { fields });
  }
  const accepted = request.action === "accept";
  // A test order's accept moves no money, whatever the site's payments: it settles as the demo's does.
  const provider = world.order.test ? "demo" : world.config.site.payments;
  if (accepted && isWithdrawn(shown, engine)) {
    throw new AppError("offer_withdrawn", "The seller has withdrawn this offer; nothing was charged.");
  }

  const id = newId("dec");
  const decision: Decision = {
    id,
    offer: shown.id,
    title: shown.title,
    ...(shown.productName !== undefined && { productName: shown.productName }),
    action: request.action,
    status: accepted ? "accepted" : "declined",
    quantity,
    amount: accepted ? shown.price * quantity : 0,
    currency: shown.currency,
    ...(accepted && { payment: { provider, status: "pending" as const } }),
  };
  // A decline is final at once; an accept's next offer depends on how its payment ends.
  const next = accepted
    ? null
    : nextOffer(inputWith(world, decidedSteps(engine.steps, shown.id, "declined"), now));
  const payment = accepted
    ? {
        provider,
        key: paymentKey(id),
        returnTo: returnPage(world, request.returnTo, input.ownOrigin),
        // Fixed now, so that a retry charges the same way: the saved card, or a pay link.
        instrument:
          world.order.paymentCustomer && world.order.paymentMethod
            ? { customer: world.order.paymentCustomer, method: world.order.paymentMethod }
            : null,
      }
    : null;
  const recorded = await store.decisions.record(
    {
      id,
      sessionId: world.session.id,
      siteId: world.config.site.id,
      offerId: shown.id,
      action: request.action,
      quantity,
      amount: decision.amount,
      currency: decision.currency,
      idempotencyKey,
      requestHash,
      response: { decision, next },
      payment,
      next,
      event: accepted ? null : decisionEvent(world.config, world.order, shown, decision, now),
    },
    now,
  );
  if (recorded === "order_not_paid") throw orderNotPaid();
  if (!recorded.created) return answerWith(recorded.decision);
  deps.logger.info(
    { site: world.config.site.id, session: world.session.id, offer: shown.id, action: request.action },
    "decision",
  );
  if (!accepted) return recorded.decision.response;
  // What settling needs was read here a moment ago: the steps (this decision aside) and how the charge is made.
  const known = { steps: engine.steps, instrument: payment?.instrument ?? null };
  return (await settle(deps, recorded.decision, world, now, known)).response;
}

/** The thank-you page to come back to from a provider's pages: only a page of the site (or a test's preview). */
function returnPage(world: SessionWorld, page: string | undefined, ownOrigin?: string): string | null {
  if (!page) return null;
  const origin = new URL(page).origin;
  if (world.config.site.allowedOrigins.includes(origin)) return page;
  if (world.order.test && origin === ownOrigin) return page;
  const fields = { returnTo: "must be a page of this site (one of its allowed origins)" };
  throw new AppError("invalid_request", describeFields(fields), { fields });
}

const orderNotPaid = () =>
  new AppError("order_not_paid", "This order was refunded or cancelled; its offers have ended.");

/**
 * An offer already decided: the same key replays its answer (settling it first if its charge was left in
 * flight), the same key for another request is refused, and any other request gets 409 with the decision.
 */
async function earlierAnswer(
  deps: SessionsDeps,
  stored: DecisionRecord,
  world: SessionWorld,
  input: DecideInput,
  requestHash: string,
): Promise<DecisionResponse> {
  if (stored.idempotencyKey !== input.idempotencyKey) {
    throw new AppError("already_decided", "This offer was already decided.", {
      details: { decision: stored.response.decision },
    });
  }
  if (stored.requestHash !== requestHash) {
    throw new AppError(
      "idempotency_key_reused",
      "This Idempotency-Key was already used for another request.",
    );
  }
  return stored.settled ? stored.response : (await settle(deps, stored, world, input.now)).response;
}

/** An offer shown before snapshots were kept: the engine's offer of now becomes its record. */
async function snapshotLegacy(
  { store }: SessionsDeps,
  world: SessionWorld,
  offer: Offer | null,
  now: number,
): Promise<Offer | null> {
  if (offer) await store.sessions.show(world.session, offer, now);
  return offer;
}
