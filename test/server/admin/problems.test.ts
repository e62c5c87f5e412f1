import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { CockpitAnswer, Problem } from "../../../server/contract/index.ts";
import { type TestApp, testApp } from "../../support/app.ts";
import { buyer } from "../../support/buyers.ts";
import { ENGINES } from "../../support/engines.ts";
import { failDueEvents } from "../../support/outbox.ts";
import { paidOrder, seedShop } from "../../support/shop.ts";

/** The problems "Is it working?" lists: each one the server can see for itself, with where to fix it. */
describe.each(ENGINES)("a site's problems on %s", (engine) => {
  let harness: TestApp;
  let shop: Awaited<ReturnType<typeof seedShop>>;

  beforeEach(async () => {
    harness = await testApp(engine);
    // A tank for fish buyers (priority 10), its downsell and next upsell without conditions (priority -5).
    shop = await seedShop(harness);
  });
  afterEach(() => harness.dispose());

  async function problems(): Promise<Problem[]> {
    const response = await harness.admin(`/sites/${shop.siteId}/cockpit`);
    expect(response.status).toBe(200);
    return ((await response.json()) as CockpitAnswer).problems;
  }
  const codes = async () => (await problems()).map((problem) => problem.code);
  const patchOffer = (id: string, json: Record<string, unknown>) =>
    harness.admin(`/sites/${shop.siteId}/offers/${id}`, { method: "PATCH", json });

  test("a site set up well but with no order yet is told only to send its orders", async () => {
    expect(await problems()).toEqual([
      {
        code: "no_orders_yet",
        message: expect.stringContaining("No order from your shop has reached Aquarium yet"),
        fix: { section: "settings", item: null, label: "See the set-up steps" },
      },
    ]);
    await paidOrder(harness, shop.siteId);
    expect(await problems()).toEqual([]);
  });

  test("no active offer", async () => {
    for (const id of Object.values(shop.offers)) await patchOffer(id, { active: false });
    const [problem] = (await problems()).filter((entry) => entry.code === "no_active_offer");
    expect(problem).toEqual({
      code: "no_active_offer",
      message: "No offer is active: buyers are shown nothing.",
      fix: { section: "offers", item: "new", label: "Create an offer" },
    });
  });

  test("an offer without conditions at or above an offer with some matches every order by accident; below, it is a fallback", async () => {
    await paidOrder(harness, shop.siteId);
    await patchOffer(shop.offers.care, { priority: 10 });
    expect(await problems()).toEqual([
      {
        code: "catch_all_offer",
        message:
          "“Care” has no trigger condition and a priority at or above “Tank”: it is shown for every order, so “Tank” never is. Give it conditions, or a lower priority.",
        fix: { section: "offers", item: shop.offers.care, label: "Edit “Care”" },
      },
    ]);
    await patchOffer(shop.offers.care, { priority: 9 });
    expect(await problems()).toEqual([]);
  });

  test("an offer whose product's currency no order of the last 30 days has", async () => {
    await paidOrder(harness, shop.siteId, { currency: "EUR" });
    const unseen = (await problems()).filter((problem) => problem.code === "currency_unseen");
    expect(unseen).toHaveLength(3);
    expect(unseen[0]?.message).toMatch(/priced in USD, but the orders of the last 30 days were in EUR/);
    expect(unseen.map((problem) => problem.fix.section)).toEqual(["products", "products", "products"]);
    // A test order is not the shop's: its currency proves nothing.
    const sent = await harness.admin(`/sites/${shop.siteId}/test-orders`, { method: "POST", json: {} });
    expect(sent.status).toBe(201);
    expect(await codes()).toContain("currency_unseen");
  });

  test("a discount at or above the product's price", async () => {
    await paidOrder(harness, shop.siteId);
    // Written in the store, as a price lowered after the offer was made leaves it: the form refuses such a discount.
    await harness.store.offers.update(
      shop.siteId,
      shop.offers.food,
      { discount: { type: "fixed", value: 500 } },
      harness.now,
    );
    expect(await problems()).toEqual([
      {
        code: "discount_too_big",
        message: "“Food” takes 5.00 USD off The food, priced 5.00 USD: the buyer would pay nothing.",
        fix: { section: "offers", item: shop.offers.food, label: "Edit “Food”" },
      },
    ]);
  });

  test("a funnel step pointing at an inactive offer", async () => {
    await paidOrder(harness, shop.siteId);
    await patchOffer(shop.offers.care, { active: false });
    expect(await problems()).toEqual([
      {
        code: "funnel_step_inactive",
        message: "“Tank”'s downsell, “Care”, is inactive: buyers who decline get nothing more.",
        fix: { section: "offers", item: shop.offers.tank, label: "Edit “Tank”" },
      },
    ]);
  });

  test("a webhook URL whose last delivery failed", async () => {
    await paidOrder(harness, shop.siteId);
    expect(await codes()).toEqual([]);
    // An event to the seller (a decline), tried once and answered 500.
    await buyer(harness, shop.siteId, { id: "728", key: "wc_order_problems0001", actions: ["decline"] });
    expect(
      await failDueEvents(harness, { error: "HTTP 500", status: 500, retryAt: harness.now + 60_000 }),
    ).toBe(1);
    expect(await problems()).toEqual([
      {
        code: "webhook_failing",
        message:
          "Your webhook URL is failing: the last event answered 500. 1 of the last 1 events tried are not delivered (they are being retried).",
        fix: { section: "settings", item: null, label: "Check the webhook URL" },
      },
    ]);
  });

  test("a secret the site's payments need is missing", async () => {
    await paidOrder(harness, shop.siteId);
    await harness.admin(`/sites/${shop.siteId}`, { method: "PATCH", json: { payments: "stripe" } });
    const [problem] = await problems();
    expect(problem).toMatchObject({ code: "secret_missing", fix: { section: "settings" } });
    expect(problem?.message).toMatch(/Stripe, but the site has no Stripe API key/);
    await harness.admin(`/sites/${shop.siteId}/secrets/stripe-api-key`, {
      method: "POST",
      json: { secret: "rk_test_0123456789abcdefghij" },
    });
    expect(await codes()).toEqual([]);
  });
});
