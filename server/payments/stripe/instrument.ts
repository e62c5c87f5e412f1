import type Stripe from "stripe";

/**
 * Whether an order's card can be charged again without the buyer: its PaymentIntent was set up for off-session
 * use and its payment method is attached to the order's customer. Answers that method, or null.
 */
export function savedMethod(intent: Stripe.PaymentIntent | string | null | undefined): string | null {
  if (!intent || typeof intent === "string") return null;
  const method = intent.payment_method;
  const customer = typeof intent.customer === "string" ? intent.customer : intent.customer?.id;
  if (intent.setup_future_usage !== "off_session" || !method || !customer) return null;
  if (typeof method === "string") return null;
  const owner = typeof method.customer === "string" ? method.customer : method.customer?.id;
  return owner === customer ? method.id : null;
}

/** The order's PaymentIntent with its method, to tell whether the card was saved. */
export async function orderIntent(stripe: Stripe, intent: string): Promise<Stripe.PaymentIntent> {
  return stripe.paymentIntents.retrieve(intent, { expand: ["payment_method"] });
}
