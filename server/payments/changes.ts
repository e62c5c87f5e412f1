import type { PaymentProvider, PaymentStatus } from "../contract/index.ts";
import type { PaymentChange } from "../domain.ts";
import type { Logger } from "../log.ts";
import type { PaymentEvent } from "../orders/verified.ts";
import { decisionEvent } from "../sessions/events.ts";
import type { Store } from "../store/store.ts";

/** From where each status may be reached: a payment moves through pending → requires_action → paid | failed → refunded. */
const FROM: Record<"paid" | "failed" | "refunded", PaymentStatus[]> = {
  paid: ["pending", "requires_action", "failed"],
  failed: ["pending", "requires_action"],
  refunded: ["paid", "refunded"],
};

const TYPES = { paid: "offer.paid", failed: "offer.payment_failed", refunded: "offer.refunded" } as const;

/**
 * What a provider says of a payment (from its events, or read from it when the buyer comes back), applied once:
 * the payment moves on only from where it may, and the seller is told in the same transaction. The same
 * event delivered twice, or a return and an event saying the same, change it once. A refund of an order's own
 * payment (not an accepted offer's) refunds the order, which ends its offers.
 */
export async function applyPaymentEvent(
  { store, logger }: { store: Store; logger: Logger },
  siteId: string,
  event: PaymentEvent,
  now: number,
): Promise<boolean> {
  const payment = event.decisionId
    ? await store.payments.find(siteId, { decisionId: event.decisionId })
    : event.providerPayment
      ? await store.payments.find(siteId, { providerPayment: event.providerPayment })
      : event.reference
        ? await store.payments.find(siteId, { reference: event.reference })
        : null;
  if (!payment?.decisionId) {
    if (event.status === "refunded" && event.providerPayment) {
      return store.orders.refundByPayment(siteId, event.providerPayment, now);
    }
    return false;
  }
  if (event.status === "refunded" && (payment.status === "pending" || payment.status === "requires_action")) {
    // A refund proves the payment was made: its own event may come later (out of order), or never (lost).
    const { refunded: _refunded, ...paid } = event;
    await applyPaymentEvent({ store, logger }, siteId, { ...paid, status: "paid" }, now);
  }
  const decision = await store.decisions.get(payment.decisionId);
  const session = decision && (await store.sessions.get(decision.sessionId));
  const [config, order, steps] = session
    ? await Promise.all([
        store.config(siteId),
        store.sessions.order(session),
        store.sessions.steps(session.id),
      ])
    : [null, null, []];
  const shown = steps.find((step) => step.offerId === decision?.offerId)?.shown;
  if (!decision || !config || !order || !shown) {
    logger.warn(
      { site: siteId, decision: payment.decisionId },
      "payment event for a decision that cannot be read",
    );
    return false;
  }
  const refunded =
    event.status === "refunded" ? Math.min(event.refunded ?? payment.amount, payment.amount) : undefined;
  const decided = {
    ...decision.response.decision,
    payment: {
      provider: payment.provider as PaymentProvider,
      status: event.status,
      ...(refunded !== undefined && { refunded }),
    },
  };
  const change: PaymentChange = {
    decisionId: payment.decisionId,
    from: FROM[event.status],
    to: event.status,
    ...(refunded !== undefined && { refunded }),
    ...(event.providerPayment && { providerPayment: event.providerPayment }),
    event: decisionEvent(config, order, shown, decided, now, TYPES[event.status]),
  };
  const changed = await store.payments.change(change, now);
  if (changed)
    logger.info({ site: siteId, decision: payment.decisionId, status: event.status }, "payment changed");
  return changed;
}
