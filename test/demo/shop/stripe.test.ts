import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { CATALOGUE, seedDemo } from "../../../demo/seed.ts";
import {
  DEMO_STRIPE_KEY,
  DEMO_STRIPE_SITE_NAME,
  type DemoStripe,
  startStripeStandIn,
  stripeSeller,
  TEST_CARDS,
  type TestCard,
} from "../../../demo/shop/stripe.ts";
import { type TestApp, testApp } from "../../support/app.ts";
import { serveApp } from "../../support/browser.ts";
import { ENGINES } from "../../support/engines.ts";
import { freePort } from "../../support/process.ts";

const goldfish = CATALOGUE.find((item) => item.sku === "goldfish") as (typeof CATALOGUE)[number];

/** The demo's Stripe seller, against the demo's Stripe stand-in, with the server's real `stripe` SDK. */
describe.each(ENGINES)("the demo's Stripe seller (Stripe stand-in) on %s", (engine) => {
  let stripe: DemoStripe;
  let harness: TestApp;
  let served: { origin: string; close(): Promise<void> };

  beforeEach(async () => {
    stripe = await startStripeStandIn();
    // Served on its PUBLIC_URL, where the stand-in sends Stripe's events.
    const port = await freePort();
    harness = await testApp(engine, {
      env: { STRIPE_API_URL: stripe.apiUrl, PUBLIC_URL: `http://127.0.0.1:${port}` },
      start: Date.now(),
    });
    // Stripe's signatures carry the real time.
    Object.defineProperty(harness, "now", { get: () => Date.now(), set: () => {} });
    served = await serveApp(harness, port);
  });
  afterEach(async () => {
    await served.close();
    await harness.dispose();
    await stripe.close();
  });

  test("is seeded once beside the demo shop: the same catalogue and funnels, paid with Stripe through the stand-in's key", async () => {
    const { publicUrl } = harness.config;
    const demo = await seedDemo(harness.store, publicUrl, Date.now());
    const seller = await stripeSeller(harness.deps(), stripe);
    expect((await stripeSeller(harness.deps(), stripe)).siteId).toBe(seller.siteId);

    expect(await harness.store.sites.get(seller.siteId)).toMatchObject({
      name: DEMO_STRIPE_SITE_NAME,
      payments: "stripe",
      allowedOrigins: [new URL(publicUrl).origin],
    });
    expect(await harness.store.sites.secret(seller.siteId, "stripe-api-key")).toBe(DEMO_STRIPE_KEY);
    expect(await harness.store.sites.secret(seller.siteId, "stripe")).toMatch(/^whsec_/);
    expect((await harness.store.sites.list()).map((site) => site.id).sort()).toEqual(
      [demo.siteId, seller.siteId].sort(),
    );
    const shelf = async (siteId: string) => ({
      products: (await harness.store.products.list(siteId)).map((product) => product.sku).sort(),
      offers: (await harness.store.offers.list(siteId)).map((offer) => offer.title).sort(),
    });
    const stripeShelf = await shelf(seller.siteId);
    expect(stripeShelf).toEqual(await shelf(demo.siteId));
    expect(stripeShelf.products).toHaveLength(CATALOGUE.length);
  });

  test.each(Object.keys(TEST_CARDS) as TestCard[])(
    "the checkout with the %s test card: a paid order through the server's Stripe webhook, its card kept for the offer or not, as chosen",
    async (choice) => {
      const seller = await stripeSeller(harness.deps(), stripe);
      const checkout = seller.checkout(goldfish, "buyer@example.com", choice);
      const session = /^\/shop\/stripe\/thanks\/\?session_id=(cs_test_\w+)$/.exec(checkout.thankYou)?.[1];
      expect(session).toBeDefined();
      const delivered = await harness.app.request(checkout.delivery.path, {
        method: "POST",
        headers: checkout.delivery.headers,
        body: checkout.delivery.body,
      });
      expect(delivered.status).toBe(200);

      const order = await harness.store.orders.find(seller.siteId, "stripe", session as string);
      const { card, saved } = TEST_CARDS[choice];
      expect(order).toMatchObject({
        status: "paid",
        total: goldfish.price,
        currency: "EUR",
        lines: [expect.objectContaining({ sku: "goldfish", quantity: 1 })],
        paymentMethod: saved ? card : null,
      });
    },
  );

  test("what the stand-in's pages cause reaches the server's Stripe webhook over HTTP, signed with the seller's endpoint secret", async () => {
    const seller = await stripeSeller(harness.deps(), stripe);
    const session = stripe.standIn.paidCheckout({ amount: goldfish.price, currency: "eur" });
    await stripe.standIn.onEvent?.(stripe.standIn.event("checkout.session.completed", session));
    expect(await harness.store.orders.find(seller.siteId, "stripe", session.id)).toMatchObject({
      status: "paid",
      total: goldfish.price,
    });
  });
});
