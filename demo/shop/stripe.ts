import type { Deps } from "../../server/deps.ts";
import { type CATALOGUE, seedDemo } from "../seed.ts";
import { listenOnLoopback } from "../stand-ins/listen.ts";
import { CARDS, type StripeStandIn, stripeStandIn } from "../stand-ins/stripe.ts";
import { type Checkout, stripeDelivery } from "./checkout.ts";

type Item = (typeof CATALOGUE)[number];

/** The Stripe seller of the demo: the same shop, its offers charged on Stripe (the stand-in). */
export const DEMO_STRIPE_SITE_NAME = "Aquarium demo shop on Stripe (stand-in)";
/** The key the stand-in answers to: no Stripe account's, so it may be written here. */
export const DEMO_STRIPE_KEY = "rk_test_aquariumDemoStandInForStripe";

/** The test cards a buyer may pay the front-end order with, each leading the offer's payment down one path. */
export const TEST_CARDS = {
  saved: {
    card: CARDS.succeeds,
    saved: true,
    label: "Card 4242, saved for the offer: accepting it charges the card in one click",
  },
  "3ds": {
    card: CARDS.authenticationRequired,
    saved: true,
    label: "Card 3155, saved, needs 3-D Secure: your bank asks you to confirm the offer's payment",
  },
  declined: {
    card: CARDS.declined,
    saved: true,
    label: "Card 0002, saved, declined: the offer's payment fails and the downsell follows",
  },
  "not-saved": {
    card: CARDS.succeeds,
    saved: false,
    label: "Card 4242, not saved: the offer is paid at a link, or by its QR code on a phone",
  },
} as const;
export type TestCard = keyof typeof TEST_CARDS;

export interface DemoStripe {
  standIn: StripeStandIn;
  /** The stand-in's API, on a port of this machine: the server's STRIPE_API_URL. */
  apiUrl: string;
  close(): Promise<void>;
}

/** The stand-in's API, listening on this machine before the server starts (its configuration names it). */
export async function startStripeStandIn(): Promise<DemoStripe> {
  const standIn = stripeStandIn({ keys: [DEMO_STRIPE_KEY] });
  const api = await listenOnLoopback(standIn.api);
  return { standIn, apiUrl: api.url, close: api.close };
}

export interface StripeSeller {
  siteId: string;
  /** A paid Checkout Session of `item` on the stand-in, with the test card chosen, and Stripe's signed event. */
  checkout(item: Item, email: string, choice: string): Checkout;
}

/**
 * The Stripe seller, seeded once (the demo's catalogue and funnels; payments `stripe`, with the stand-in's key
 * and the endpoint secret its events are signed with). What the stand-in's pages cause (a 3-D Secure answer, a
 * pay link paid) reaches the server's Stripe webhook as Stripe would send it.
 */
export async function stripeSeller(deps: Deps, stripe: DemoStripe): Promise<StripeSeller> {
  const { store, config, logger } = deps;
  const now = Date.now();
  const site = await seedDemo(store, config.publicUrl, now, {
    name: DEMO_STRIPE_SITE_NAME,
    payments: "stripe",
  });
  await store.sites.setSecret(site.siteId, "stripe-api-key", DEMO_STRIPE_KEY, now);
  const secret = site.stripeSecret;
  stripe.standIn.onEvent = async (event) => {
    const { path, headers, body } = stripeDelivery(site.siteId, secret, JSON.stringify(event));
    const answer = await fetch(`${config.publicUrl}${path}`, { method: "POST", headers, body }).catch(
      (error: unknown) => ({ ok: false, status: String(error) }),
    );
    if (!answer.ok)
      logger.warn({ status: answer.status, type: event.type }, "the stand-in's event was refused");
  };
  return {
    siteId: site.siteId,
    checkout(item, email, choice) {
      const test = TEST_CARDS[(Object.hasOwn(TEST_CARDS, choice) ? choice : "saved") as TestCard];
      const session = stripe.standIn.paidCheckout({
        amount: item.price,
        currency: "eur",
        card: test.card,
        saved: test.saved,
        metadata: { aquarium_products: item.sku },
        email,
      });
      const event = stripe.standIn.event("checkout.session.completed", session);
      return {
        thankYou: `/shop/stripe/thanks/?session_id=${session.id}`,
        delivery: stripeDelivery(site.siteId, secret, JSON.stringify(event)),
      };
    },
  };
}

/** The product page's choice of test card, for the checkout through the stand-in. */
export function testCardChoice(): string {
  const choices = Object.entries(TEST_CARDS)
    .map(
      ([value, { label }], index) =>
        `<label style="display:block"><input type="radio" name="card" value="${value}"${index === 0 ? " checked" : ""}> ${label}</label>`,
    )
    .join("\n");
  return `<fieldset><legend>Stripe (stand-in): the offer is charged on Stripe, here a stand-in: no real money</legend>
${choices}
<p class="note">By paying, you allow The Demo Shop to charge your card for a one-time offer you accept right after this purchase.</p>
<button class="alt" name="flavour" value="stripe-stand-in">Pay with Stripe (stand-in)</button></fieldset>`;
}
