import type Stripe from "stripe";
import type { Site } from "../contract/index.ts";
import type { NewOrder, Order } from "../domain.ts";
import type { Logger } from "../log.ts";
import type { StripeClients } from "../payments/stripe/client.ts";
import { orderIntent, savedMethod } from "../payments/stripe/instrument.ts";
import type { Store } from "../store/store.ts";
import { pullGate } from "./pull-gate.ts";
import { orderFromSession } from "./stripe.ts";

/**
 * Orders read from Stripe with the seller's key. A buyer can reach the thank-you page before Stripe's webhook
 * arrives: a claim for a Checkout Session not heard of yet makes the server read it, and register it if it is
 * paid (misses are remembered briefly, and pulls are limited per site). And for every Stripe order, whether
 * its card was saved for off-session use is read from its PaymentIntent.
 */
export function stripeOrders({
  store,
  clients,
  logger,
}: {
  store: Store;
  clients: StripeClients;
  logger: Logger;
}) {
  const gate = pullGate();

  async function clientFor(siteId: string): Promise<Stripe | null> {
    const key = await store.sites.secret(siteId, "stripe-api-key");
    return key ? clients(key) : null;
  }

  /** The order with what it takes to charge its buyer again, as far as Stripe says (and can be asked). */
  async function withInstrument(
    stripe: Stripe,
    order: NewOrder,
    intent?: Stripe.PaymentIntent | string | null,
  ) {
    const known =
      intent && typeof intent !== "string"
        ? intent
        : order.paymentReference
          ? await orderIntent(stripe, order.paymentReference)
          : null;
    return { ...order, paymentMethod: savedMethod(known) };
  }

  return {
    /** Fills in the saved method of an order from Stripe's webhook; the order as it is when Stripe cannot say. */
    async enrich(order: NewOrder): Promise<NewOrder> {
      if (order.source !== "stripe" || !order.paymentReference) return order;
      try {
        const stripe = await clientFor(order.siteId);
        return stripe ? await withInstrument(stripe, order) : order;
      } catch (error) {
        logger.warn({ err: error, site: order.siteId }, "stripe: the order's payment could not be read");
        return order;
      }
    },

    /** A Checkout Session the server has not heard of, read from Stripe and registered if it is paid. */
    async pull(site: Site, checkoutSession: string, now: number): Promise<Order | null> {
      if (!gate.allow(site.id, checkoutSession, now)) return null;
      const stripe = await clientFor(site.id);
      if (!stripe) return null;
      try {
        const session = await stripe.checkout.sessions.retrieve(checkoutSession, {
          expand: ["payment_intent.payment_method"],
        });
        const paid =
          session.mode === "payment" &&
          session.payment_status === "paid" &&
          !session.metadata?.aquarium_decision;
        if (!paid) {
          gate.miss(site.id, checkoutSession, now);
          return null;
        }
        const order = await withInstrument(
          stripe,
          orderFromSession(site.id, session, session.created * 1000),
          session.payment_intent,
        );
        return store.orders.register(order, now);
      } catch (error) {
        gate.miss(site.id, checkoutSession, now);
        logger.warn({ err: error, site: site.id }, "stripe: a checkout session could not be read");
        return null;
      }
    },
  };
}
export type StripeOrders = ReturnType<typeof stripeOrders>;
