import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { CockpitAnswer, HookSource, TestOrderAnswer } from "../../../server/contract/index.ts";
import { type TestApp, testApp } from "../../support/app.ts";
import { ENGINES } from "../../support/engines.ts";
import { envelopeOf } from "../../support/envelope.ts";
import { BROWSER_SECRET, claim, decide, ORDER_KEY, ORIGIN, paidOrder, seedShop } from "../../support/shop.ts";

const STRIPE_SECRET = "whsec_testOrderStripeSecret0123456789";

/** "Send a test order": a signed order through the site's own webhook, offered like a buyer's, counted nowhere. */
describe.each(ENGINES)("test orders on %s", (engine) => {
  let harness: TestApp;
  let shop: Awaited<ReturnType<typeof seedShop>>;
  /** This server's own origin, where the thank-you page preview is. */
  let own: string;

  beforeEach(async () => {
    harness = await testApp(engine);
    shop = await seedShop(harness);
    own = new URL(harness.config.publicUrl).origin;
  });
  afterEach(() => harness.dispose());

  async function send(source?: HookSource): Promise<TestOrderAnswer> {
    const response = await harness.admin(`/sites/${shop.siteId}/test-orders`, {
      method: "POST",
      json: source ? { source } : {},
    });
    expect(response.status).toBe(201);
    return (await response.json()) as TestOrderAnswer;
  }

  /** The order reference the widget finds on the preview page, as it reads the address. */
  function referenceOf(previewUrl: string) {
    const url = new URL(previewUrl);
    const woo = /\/order-received\/(\d+)\/$/.exec(url.pathname)?.[1];
    if (woo) return { source: "woocommerce", id: woo, key: url.searchParams.get("key") };
    const session = url.searchParams.get("session_id");
    if (session) return { source: "stripe", checkoutSession: session };
    return { source: "ref", ref: url.searchParams.get("order") };
  }

  test.each(["woocommerce", "stripe", "orders"] as const)(
    "through %s: received by the real webhook code, stored as a test order, and offered on its preview",
    async (source) => {
      await harness.admin(`/sites/${shop.siteId}/secrets/stripe`, {
        method: "POST",
        json: { secret: STRIPE_SECRET },
      });
      const sent = await send(source);
      expect(sent.result).toBe("stored");
      expect(sent.order).toMatchObject({ source, currency: "USD" });
      // The tank is offered to fish buyers: the test order holds a fish (SKU 93), the way a buyer's would.
      expect(sent.order.lines).toEqual([
        { product: "93", sku: "93", name: "The 93", quantity: 1, unitPrice: 300 },
      ]);
      expect(sent.previewUrl.startsWith(`${own}/preview/${shop.siteId}/`)).toBe(true);

      const stored = await harness.store.orders.find(shop.siteId, source, sent.order.id);
      expect(stored).toMatchObject({ test: true, status: "paid", total: 300 });

      const cockpit = (await (await harness.admin(`/sites/${shop.siteId}/cockpit`)).json()) as CockpitAnswer;
      expect(cockpit.hooks.find((log) => log.source === source)?.deliveries).toEqual([
        expect.objectContaining({ outcome: "stored", verified: true, order: sent.order.id, test: true }),
      ]);

      const offered = await claim(
        harness,
        { site: shop.siteId, order: referenceOf(sent.previewUrl) },
        { origin: own },
      );
      expect(offered.status).toBe(201);
      expect((await offered.json()).offer).toMatchObject({ id: shop.offers.tank });
    },
  );

  test("without a source, the test order goes through the platform the site last heard from", async () => {
    expect((await send()).order.source).toBe("woocommerce");
    await harness.admin(`/sites/${shop.siteId}/secrets/stripe`, {
      method: "POST",
      json: { secret: STRIPE_SECRET },
    });
    // A test order is not the shop's word: with nothing heard from the shop yet, Stripe's secret decides.
    expect((await send()).order.source).toBe("stripe");
  });

  test("a site without Stripe's signing secret cannot send a Stripe test order, and is told what to set", async () => {
    const response = await harness.admin(`/sites/${shop.siteId}/test-orders`, {
      method: "POST",
      json: { source: "stripe" },
    });
    expect(response.status).toBe(409);
    expect((await envelopeOf(response)).message).toMatch(/no Stripe signing secret.*whsec_/);
    const missing = await harness.admin(`/sites/${shop.siteId}/test-orders`, {
      method: "POST",
      json: { source: "shopify" },
    });
    expect(missing.status).toBe(400);
  });

  test("this server's own origin gets no offer for a buyer's order: only test orders are offered there", async () => {
    await paidOrder(harness, shop.siteId);
    const woo = { source: "woocommerce", id: "727", key: ORDER_KEY };
    expect((await claim(harness, { site: shop.siteId, order: woo }, { origin: own })).status).toBe(404);
    const cockpit = (await (await harness.admin(`/sites/${shop.siteId}/cockpit`)).json()) as CockpitAnswer;
    const log = cockpit.claims.find((entry) => entry.origin === own);
    expect(log?.claims.map((entry) => entry.outcome)).toEqual(["origin_refused"]);
    expect(log?.advice).toMatch(/thank-you page preview: it is offered test orders only/);
    expect((await claim(harness, { site: shop.siteId, order: woo }, { origin: ORIGIN })).status).toBe(201);
  });

  test("accepting a test order's offer charges nothing, tells the seller it is a test, and counts in no stats", async () => {
    await harness.admin(`/sites/${shop.siteId}`, { method: "PATCH", json: { payments: "manual" } });
    const sent = await send("woocommerce");
    const claimed = await (
      await claim(harness, { site: shop.siteId, order: referenceOf(sent.previewUrl) }, { origin: own })
    ).json();
    const accepted = await decide(
      harness,
      claimed.session.id,
      BROWSER_SECRET,
      { offer: shop.offers.tank, action: "accept", returnTo: sent.previewUrl },
      "test-order-accept-1",
      { origin: own },
    );
    expect(accepted.status).toBe(200);
    // The site bills by hand (manual): a test order settles as the demo's, at once, with nothing to bill.
    expect((await accepted.json()).decision.payment).toMatchObject({ provider: "demo", status: "paid" });
    const [event] = await harness.store.outbox.pending(shop.siteId);
    expect(event?.payload).toMatchObject({ type: "offer.accepted", test: true });

    await paidOrder(harness, shop.siteId);
    await claim(harness, { site: shop.siteId, order: { source: "woocommerce", id: "727", key: ORDER_KEY } });
    const stats = await (await harness.admin(`/sites/${shop.siteId}/stats`)).json();
    expect(stats.totals).toMatchObject({ shown: 1, accepted: 0 });
  });
});
