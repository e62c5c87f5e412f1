import Stripe from "stripe";
import type { Logger } from "../../log.ts";
import type { PaymentEvent } from "../../orders/verified.ts";
import type { Payment, Store } from "../../store/store.ts";
import { applyPaymentEvent } from "../changes.ts";
import type { PaymentLinks } from "../links.ts";
import type { StripeClients } from "./client.ts";

interface ReturnDeps {
  store: Store;
  logger: Logger;
  clients: StripeClients;
  links: PaymentLinks;
}

/** Where the buyer goes next: a page at the bank, or back to the thank-you page they came from. */
export type Next = { to: string };

async function thankYouPage(store: Store, payment: Payment): Promise<string> {
  if (payment.returnTo) return payment.returnTo;
  const site = await store.sites.get(payment.siteId);
  return site?.allowedOrigins[0] ?? "/";
}

async function stripeFor(deps: ReturnDeps, payment: Payment): Promise<Stripe | null> {
  const key = await deps.store.sites.secret(payment.siteId, "stripe-api-key");
  return key ? deps.clients(key) : null;
}

/** Finds a payment a link names: only Stripe's, only with the link's own signature. */
export async function linkedPayment(
  deps: ReturnDeps,
  decisionId: string,
  signature: string,
): Promise<Payment | null> {
  if (!deps.links.verify(decisionId, signature)) return null;
  const decision = await deps.store.decisions.get(decisionId);
  if (!decision) return null;
  const payment = await deps.store.payments.find(decision.siteId, { decisionId });
  return payment?.provider === "stripe" ? payment : null;
}

/**
 * The buyer chose to confirm with their bank: the same PaymentIntent is confirmed again, on-session, with a way
 * back to this server; the buyer is sent to the bank's page (or straight back when the bank asks nothing).
 */
export async function confirmWithBank(deps: ReturnDeps, payment: Payment, now: number): Promise<Next> {
  const back = { to: await thankYouPage(deps.store, payment) };
  const stripe = await stripeFor(deps, payment);
  if (payment.status !== "requires_action" || !payment.providerPayment || !payment.instrument || !stripe)
    return back;
  try {
    const intent = await stripe.paymentIntents.confirm(payment.providerPayment, {
      payment_method: payment.instrument.method,
      return_url: deps.links.returnTo(payment.decisionId as string),
    });
    const redirect = intent.next_action?.redirect_to_url?.url;
    if (intent.status === "requires_action" && redirect) return { to: redirect };
    await settleFrom(deps, payment, intentOutcome(intent), now);
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeCardError)) throw error;
    await settleFrom(deps, payment, "failed", now);
  }
  return back;
}

/**
 * The buyer came back from Stripe (the bank's page, or the pay link): what became of the payment is read from
 * Stripe itself, never taken from the link, and recorded; then the buyer is back on the thank-you page.
 */
export async function cameBack(deps: ReturnDeps, payment: Payment, now: number): Promise<Next> {
  const back = { to: await thankYouPage(deps.store, payment) };
  const stripe = await stripeFor(deps, payment);
  if (!stripe || !["requires_action", "pending"].includes(payment.status)) return back;
  if (payment.reference.startsWith("cs_")) {
    const session = await stripe.checkout.sessions.retrieve(payment.reference);
    const intent =
      typeof session.payment_intent === "string"
        ? session.payment_intent
        : (session.payment_intent?.id ?? null);
    if (session.payment_status === "paid") await settleFrom(deps, payment, "paid", now, intent);
    else if (session.status === "expired") await settleFrom(deps, payment, "failed", now);
  } else if (payment.providerPayment) {
    const outcome = intentOutcome(await stripe.paymentIntents.retrieve(payment.providerPayment));
    if (outcome) await settleFrom(deps, payment, outcome, now);
  }
  return back;
}

/** A PaymentIntent's status as a payment's outcome; null while it is still under way. */
function intentOutcome(intent: Stripe.PaymentIntent): "paid" | "failed" | null {
  if (intent.status === "succeeded") return "paid";
  if (intent.status === "requires_payment_method" || intent.status === "canceled") return "failed";
  return null;
}

async function settleFrom(
  deps: ReturnDeps,
  payment: Payment,
  outcome: "paid" | "failed" | null,
  now: number,
  providerPayment: string | null = payment.providerPayment,
): Promise<void> {
  if (!outcome) return;
  const event: PaymentEvent = {
    decisionId: payment.decisionId,
    reference: null,
    providerPayment,
    status: outcome,
  };
  await applyPaymentEvent(deps, payment.siteId, event, now);
}
