import Stripe from "stripe";
import type { Instrument } from "../../domain.ts";
import type { Store } from "../../store/store.ts";
import type { ChargeRequest, ChargeResult, PaymentProvider } from "../provider.ts";
import type { StripeClients } from "./client.ts";

/** Stripe's shortest life for a Checkout Session, and its longest. */
const CHECKOUT_MIN_S = 30 * 60 + 60;
const CHECKOUT_MAX_S = 24 * 3600 - 60;

/** What Aquarium writes on everything it makes at Stripe, so that the seller (and Aquarium) can tell whose it is. */
const metadataOf = (request: ChargeRequest) => ({
  aquarium_site: request.siteId,
  aquarium_order: request.order.externalId,
  aquarium_offer: request.offerId,
  aquarium_decision: request.decisionId,
});

/**
 * Accept, by what the order allows:
 * 1. the buyer's card was saved for off-session use: a PaymentIntent for exactly this amount on that customer
 *    and card, confirmed at once, off-session (one click);
 * 2. the bank asks for authentication: the same PaymentIntent is left for the buyer to confirm on their bank's
 *    page (through this server's confirm link);
 * 3. nothing was saved (wallets, buy now pay later, a card not kept): a single-use Checkout Session for
 *    exactly this offer, its link (and a QR code of it) for the buyer to pay;
 * 4. declined: failed.
 * Every call carries an idempotency key derived from the decision, so a retry reuses what was made.
 */
export function stripeProvider({
  store,
  clients,
}: {
  store: Store;
  clients: StripeClients;
}): PaymentProvider {
  return {
    name: "stripe",
    async charge(request) {
      const key = await store.sites.secret(request.siteId, "stripe-api-key");
      if (!key) return { status: "failed", reference: "the site has no Stripe API key" };
      const stripe = clients(key);
      try {
        return request.instrument
          ? await chargeSavedCard(stripe, request, request.instrument)
          : await payLink(stripe, request);
      } catch (error) {
        // Stripe refused the key itself (revoked, or lacking a permission): asking again will not help.
        if (
          error instanceof Stripe.errors.StripeAuthenticationError ||
          error instanceof Stripe.errors.StripePermissionError
        ) {
          return { status: "failed", reference: `Stripe refused the site's key: ${error.message}` };
        }
        throw error;
      }
    },
  };
}

async function chargeSavedCard(
  stripe: Stripe,
  request: ChargeRequest,
  instrument: Instrument,
): Promise<ChargeResult> {
  try {
    const intent = await stripe.paymentIntents.create(
      {
        amount: request.amount,
        currency: request.currency.toLowerCase(),
        customer: instrument.customer,
        payment_method: instrument.method,
        off_session: true,
        confirm: true,
        description: request.description,
        metadata: metadataOf(request),
      },
      { idempotencyKey: request.idempotencyKey },
    );
    return fromIntent(intent, request);
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeCardError)) throw error;
    const intent = error.payment_intent;
    const reference = intent?.id ?? error.requestId ?? "declined";
    if (error.code === "authentication_required" && intent) {
      return {
        status: "requires_action",
        reference,
        providerPayment: intent.id,
        actionUrl: request.confirmUrl,
      };
    }
    return { status: "failed", reference, ...(intent && { providerPayment: intent.id }) };
  }
}

function fromIntent(intent: Stripe.PaymentIntent, request: ChargeRequest): ChargeResult {
  const base = { reference: intent.id, providerPayment: intent.id };
  switch (intent.status) {
    case "succeeded":
      return { ...base, status: "paid" };
    case "processing":
      return { ...base, status: "pending" };
    case "requires_action":
    case "requires_confirmation":
      return { ...base, status: "requires_action", actionUrl: request.confirmUrl };
    default:
      return { ...base, status: "failed" };
  }
}

async function payLink(stripe: Stripe, request: ChargeRequest): Promise<ChargeResult> {
  const nowS = Math.floor(request.now / 1000);
  const expiresAt = Math.min(
    Math.max(Math.floor(request.expiresAt / 1000), nowS + CHECKOUT_MIN_S),
    nowS + CHECKOUT_MAX_S,
  );
  const session = await stripe.checkout.sessions.create(
    {
      mode: "payment",
      line_items: [
        {
          price_data: {
            currency: request.currency.toLowerCase(),
            unit_amount: request.unitAmount,
            product_data: { name: request.description.replace(/ × \d+$/, "") },
          },
          quantity: request.quantity,
        },
      ],
      ...(request.customer && { customer: request.customer }),
      success_url: `${request.returnUrl}&session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: request.returnUrl,
      expires_at: expiresAt,
      metadata: metadataOf(request),
      payment_intent_data: { metadata: metadataOf(request), description: request.description },
    },
    { idempotencyKey: request.idempotencyKey },
  );
  if (!session.url) return { status: "failed", reference: session.id };
  return { status: "requires_action", reference: session.id, actionUrl: session.url, qr: true };
}
