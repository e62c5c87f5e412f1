import type { Decision, DecisionResponse } from "../contract/index.ts";
import type { DecisionRecord, Instrument, Step } from "../domain.ts";
import { AppError } from "../errors.ts";
import { nextOffer } from "../offers/engine.ts";
import type { ChargeResult } from "../payments/provider.ts";
import { qrSvg } from "../payments/qr.ts";
import { decidedSteps, engineInput, inputWith, type SessionsDeps, type SessionWorld } from "./context.ts";
import { decisionEvent } from "./events.ts";

/** The provider's idempotency key for a decision's payment: one decision, at most one charge, ever. */
export const paymentKey = (decisionId: string) => `aquarium_${decisionId}`;

/**
 * Charges an accepted decision and settles it. The decision and its pending payment were written first, so
 * this can run again at any time (a retry, the recovery pass after a crash): the provider is asked with the
 * same key and answers with the same charge, and only the first settlement is recorded.
 */
export async function settle(
  { store, payments, logger, links }: SessionsDeps,
  decision: DecisionRecord,
  world: SessionWorld,
  now: number,
  /** What the decision's own request read just before recording it; else (a retry, the recovery) read now. */
  known?: { steps: Step[]; instrument: Instrument | null },
): Promise<DecisionRecord> {
  if (decision.settled) return decision;
  const pending = decision.response.decision;
  const name = pending.payment?.provider ?? world.config.site.payments;
  const provider = payments[name];
  const input = known ? inputWith(world, known.steps, now) : await engineInput(store, world, now);
  const shown = input.steps.find((step) => step.offerId === decision.offerId)?.shown;
  if (!shown) throw new Error(`decision ${decision.id} has no shown offer to settle against`);
  const instrument = known
    ? known.instrument
    : ((await store.payments.find(decision.siteId, { decisionId: decision.id }))?.instrument ?? null);
  let charged: ChargeResult;
  try {
    charged = provider
      ? await provider.charge({
          idempotencyKey: paymentKey(decision.id),
          siteId: decision.siteId,
          decisionId: decision.id,
          offerId: decision.offerId,
          amount: decision.amount,
          currency: decision.currency,
          unitAmount: shown.price,
          quantity: decision.quantity,
          description: `${shown.title} × ${decision.quantity}`,
          order: world.order,
          instrument,
          customer: world.order.paymentCustomer,
          returnUrl: links.returnTo(decision.id),
          confirmUrl: links.confirm(decision.id),
          expiresAt: world.session.expiresAt,
          now,
        })
      : { status: "failed", reference: `${name} payments are not set up on this server` };
  } catch (error) {
    logger.warn({ err: error, decision: decision.id, provider: name }, "charge not answered");
    throw new AppError(
      "unavailable",
      "The payment could not be completed just now; your answer is kept. Try again in a moment.",
      { retryAfterSeconds: 5 },
    );
  }

  const failed = charged.status === "failed";
  const next = nextOffer({
    ...input,
    steps: decidedSteps(input.steps, decision.offerId, failed ? "failed" : "accepted"),
  });
  const settledDecision: Decision = {
    ...pending,
    payment: {
      provider: name,
      status: charged.status,
      ...(charged.actionUrl && { actionUrl: charged.actionUrl }),
      ...(charged.actionUrl && charged.qr && { qrSvg: await qrSvg(charged.actionUrl) }),
    },
  };
  const response: DecisionResponse = { decision: settledDecision, next };
  return store.decisions.settle(
    {
      decisionId: decision.id,
      payment: {
        status: charged.status,
        reference: charged.reference,
        actionUrl: charged.actionUrl ?? null,
        providerPayment: charged.providerPayment ?? null,
      },
      response,
      next,
      event: decisionEvent(world.config, world.order, shown, settledDecision, now),
    },
    now,
  );
}
