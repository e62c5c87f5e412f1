import Stripe from "stripe";
import type { Bundle } from "../../server/embed/bundle.ts";
import { type TestApp, testApp } from "./app.ts";
import type { Engine } from "./engines.ts";
import { CARDS, type FakeStripe, fakeStripe } from "./fake-stripe.ts";
import { seedShop } from "./shop.ts";
import { fixtureText } from "./signing.ts";

export const STRIPE_KEY = "rk_test_sellersRestrictedKey0123";
export const STRIPE_WEBHOOK_SECRET = "whsec_stripeEndpointSecret0123456789";

/** Stripe's own fixtures (stripe/openapi), the templates of every object the fake makes. */
export const stripeTemplates = () => ({
  payment_intent: JSON.parse(fixtureText("stripe/payment-intent.json")),
  "checkout.session": JSON.parse(fixtureText("stripe/checkout-session.json")),
  charge: JSON.parse(fixtureText("stripe/charge.json")),
  payment_method: JSON.parse(fixtureText("stripe/payment-method.json")),
});

/**
 * A shop whose payments are Stripe, against the FAKE Stripe (Stripe cannot run here), driven by the server's
 * real `stripe` SDK through STRIPE_API_URL: its site, with the seller's restricted key and endpoint secret set
 * through the admin API, and Stripe's events signed with the SDK's own test-header helper. With a `bundle`, the
 * app also serves the widget (for browser tests); `env` adds to its configuration.
 */
export async function stripeShop(
  engine: Engine,
  { bundle = null, env = {} }: { bundle?: Bundle | null; env?: Record<string, string> } = {},
) {
  const fake = await fakeStripe(stripeTemplates(), [STRIPE_KEY]);
  const harness: TestApp = await testApp(engine, {
    env: { STRIPE_API_URL: fake.url, ...env },
    start: Date.now(),
    bundle,
  });
  const shop = await seedShop(harness, { payments: "stripe", webhookUrl: "http://127.0.0.1:9/hooks" });
  for (const [kind, secret] of [
    ["stripe", STRIPE_WEBHOOK_SECRET],
    ["stripe-api-key", STRIPE_KEY],
  ] as const) {
    const set = await harness.admin(`/sites/${shop.siteId}/secrets/${kind}`, {
      method: "POST",
      json: { secret },
    });
    if (!set.ok) throw new Error(`${kind}: ${set.status} ${await set.text()}`);
  }
  const sdk = new Stripe(STRIPE_KEY);

  /** Posts a Stripe event to the site's Stripe webhook, signed as Stripe signs it. */
  async function deliver(event: Record<string, unknown>): Promise<Response> {
    const payload = JSON.stringify(event);
    const header = await sdk.webhooks.generateTestHeaderStringAsync({
      payload,
      secret: STRIPE_WEBHOOK_SECRET,
    });
    return harness.app.request(`/v1/hooks/stripe/${shop.siteId}`, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": header },
      body: payload,
    });
  }

  /** A front-end order paid through Stripe Checkout for one fish, its card saved for later or not. */
  async function paidOrder(options: { card?: string; saved?: boolean; deliver?: boolean } = {}) {
    const session = fake.paidCheckout({
      amount: 300,
      currency: "usd",
      card: options.card ?? CARDS.succeeds,
      saved: options.saved ?? true,
      metadata: { aquarium_products: "93" },
    });
    if (options.deliver !== false) {
      const answer = await deliver(fake.event("checkout.session.completed", session));
      if (!answer.ok) throw new Error(`order not delivered: ${answer.status} ${await answer.text()}`);
    }
    return session;
  }

  return {
    fake,
    harness,
    shop,
    deliver,
    paidOrder,
    async close() {
      await harness.dispose();
      await fake.close();
    },
  } satisfies Record<string, unknown> & { fake: FakeStripe };
}
