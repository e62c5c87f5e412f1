import type { Context } from "hono";
import { DecisionRequest, type DecisionResponse, type Offer, type Site } from "../contract/index.ts";
import { safeEqual, sha256Hex } from "../crypto.ts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { readJson } from "../http/body.ts";
import type { RateLimiter } from "../http/rate-limit.ts";
import { nextOffer } from "../offers/engine.ts";
import { paymentProviders } from "../payments/provider.ts";
import { newId } from "../store/ids.ts";
import type { Order, Session, SiteConfig, StoredDecision } from "../store/store.ts";
import { engineInput } from "./context.ts";
import { miss } from "./miss.ts";

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,200}$/;

/** The seller's notification of a decision, as the outbound webhook's body. */
function decisionEvent(site: Site, order: Order, offer: Offer, answer: DecisionResponse, now: number) {
  const type = answer.decision.action === "accept" ? "offer.accepted" : "offer.declined";
  return {
    type,
    payload: {
      type,
      timestamp: new Date(now).toISOString(),
      data: {
        site: site.id,
        order: { source: order.source, id: order.externalId },
        offer: {
          id: offer.id,
          product: offer.product,
          title: offer.title,
          regularPrice: offer.regularPrice,
          price: offer.price,
        },
        decision: answer.decision,
      },
    },
  };
}

function replay(c: Context, stored: StoredDecision, key: string, requestHash: string): Response {
  if (stored.idempotencyKey === key) {
    if (stored.requestHash !== requestHash) {
      throw new AppError(
        "idempotency_key_reused",
        "This Idempotency-Key was already used for another request.",
      );
    }
    return c.json(stored.response as DecisionResponse, 200);
  }
  const { decision } = stored.response as DecisionResponse;
  throw new AppError("already_decided", "This offer was already decided.", {}, { decision });
}

/**
 * `POST /v1/sessions/:id/decisions`: accept or decline the open offer, exactly once. The price comes from
 * the store and the engine, never from the request; the same Idempotency-Key replays the first answer.
 */
export function decide(deps: Deps, limits: { perIp: RateLimiter; perSite: RateLimiter }) {
  const { store, clock } = deps;
  const providers = paymentProviders(store);

  async function authorise(c: Context): Promise<{ session: Session; config: SiteConfig; order: Order }> {
    const bearer = /^Bearer (.+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
    const session = await store.sessions.get(c.req.param("id") ?? "");
    if (!session || !bearer || !safeEqual(sha256Hex(bearer), session.secretHash)) throw miss();
    const [config, order] = await Promise.all([store.config(session.siteId), store.sessions.order(session)]);
    const origin = c.req.header("origin");
    if (!config || !order || !origin || !config.site.allowedOrigins.includes(origin)) throw miss();
    return { session, config, order };
  }

  return async (c: Context, clientIp: string) => {
    const now = clock();
    limits.perIp.take(clientIp, now);
    const { session, config, order } = await authorise(c);
    const { site } = config;
    limits.perSite.take(site.id, now);

    const key = c.req.header("idempotency-key") ?? "";
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw new AppError(
        "invalid_request",
        "An Idempotency-Key header (8 to 200 visible characters) is required.",
      );
    }
    const request = await readJson(c, DecisionRequest);
    const quantity = request.quantity ?? 1;
    const requestHash = sha256Hex(JSON.stringify([request.offer, request.action, quantity]));

    const earlier =
      (await store.sessions.findDecision(session.id, { idempotencyKey: key })) ??
      (await store.sessions.findDecision(session.id, { offerId: request.offer }));
    if (earlier) return replay(c, earlier, key, requestHash);

    const input = await engineInput(store, config, session, order, now);
    const offer = nextOffer(input);
    if (!offer || offer.id !== request.offer) {
      // A concurrent request may have decided it between our two reads: answer as if it came first.
      const decided = await store.sessions.findDecision(session.id, { offerId: request.offer });
      if (decided) return replay(c, decided, key, requestHash);
      if (now >= session.expiresAt) throw new AppError("offer_expired", "This offer has expired.");
      throw new AppError("not_found", "This offer is not open in this session.");
    }
    if (quantity > offer.quantityMax) {
      throw new AppError("invalid_request", `quantity: at most ${offer.quantityMax} for this offer.`);
    }

    const accepted = request.action === "accept";
    const amount = accepted ? offer.price * quantity : 0;
    const payment = accepted
      ? await providers[site.payments].charge(
          {
            idempotencyKey: `${session.id}:${offer.id}`,
            siteId: site.id,
            amount,
            currency: offer.currency,
            description: `${offer.title} × ${quantity}`,
          },
          now,
        )
      : null;
    const steps = input.steps.map((step) =>
      step.offerId === offer.id ? { ...step, action: request.action } : step,
    );
    const next = nextOffer({ ...input, steps });

    const id = newId("dec");
    const answer: DecisionResponse = {
      decision: {
        id,
        offer: offer.id,
        action: request.action,
        status: accepted ? "accepted" : "declined",
        quantity,
        amount,
        currency: offer.currency,
        ...(payment && {
          payment: {
            provider: site.payments,
            status: payment.status,
            ...(payment.actionUrl && { actionUrl: payment.actionUrl }),
          },
        }),
      },
      next,
    };
    const stored = await store.sessions.decide(
      {
        id,
        sessionId: session.id,
        siteId: site.id,
        offerId: offer.id,
        action: request.action,
        quantity,
        amount,
        currency: offer.currency,
        paymentStatus: payment?.status ?? null,
        idempotencyKey: key,
        requestHash,
        response: answer,
        next: next ? { offerId: next.id, step: next.step } : null,
        event: decisionEvent(site, order, offer, answer, now),
      },
      now,
    );
    if (!stored.created) return replay(c, stored.decision, key, requestHash);
    deps.logger.info(
      { site: site.id, session: session.id, offer: offer.id, action: request.action },
      "decision",
    );
    return c.json(answer, 200);
  };
}
