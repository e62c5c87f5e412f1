import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { SessionResponse, StatsAnswer } from "../../../server/contract/index.ts";
import { loadBundle } from "../../../server/embed/bundle.ts";
import { type TestApp, testApp } from "../../support/app.ts";
import { buyer } from "../../support/buyers.ts";
import { ENGINES } from "../../support/engines.ts";
import { browserSecret, ORDER_KEY, ORIGIN, seedShop } from "../../support/shop.ts";
import { stripeShop } from "../../support/stripe-shop.ts";

/** Figures with their money in one currency: what each row of the stats says when only USD was sold. */
const usd = (
  counts: { shown: number; accepted: number; declined: number },
  money: { paid?: number; pending?: number; refunded?: number } = {},
) => {
  const { paid = 0, pending = 0, refunded = 0 } = money;
  return {
    ...counts,
    acceptRate: counts.shown > 0 ? counts.accepted / counts.shown : 0,
    revenue: [
      { currency: "USD", ...counts, paid, pending, refunded, perShown: Math.round(paid / counts.shown) },
    ],
  };
};

describe.each(ENGINES)("stats and snippet on %s", (engine) => {
  let harness: TestApp;
  let shop: Awaited<ReturnType<typeof seedShop>>;

  beforeEach(async () => {
    harness = await testApp(engine, { bundle: loadBundle() });
    shop = await seedShop(harness);
  });
  afterEach(() => harness.dispose());

  const stats = async (query: string) => {
    const response = await harness.admin(`/sites/${shop.siteId}/stats${query}`);
    expect(response.status).toBe(200);
    return StatsAnswer.parse(await response.json());
  };

  test("counts offers shown, accepted and declined, the accept rate and the money, in all, per funnel step, per offer and per day", async () => {
    const site = shop.siteId;
    // Tank accepted ($66.75), then food shown at step 2 and declined.
    await buyer(harness, site, { id: "727", key: ORDER_KEY, actions: ["accept", "decline"] });
    // Tank declined, then care shown at step 2 and left unanswered.
    await buyer(harness, site, { id: "728", key: "wc_order_secondbuyer1", actions: ["decline"] });
    harness.now += 86_400_000;
    // The next day: tank accepted, food shown.
    await buyer(harness, site, { id: "729", key: "wc_order_thirdbuyer12", actions: ["accept"] });

    const figures = await stats("?from=2026-11-22&to=2026-11-23");
    expect(figures.totals).toEqual({
      ...usd({ shown: 6, accepted: 2, declined: 2 }, { paid: 13350 }),
      orders: 3,
    });
    // $133.50 over 6 offers shown is $22.25 each; over the 3 orders shown an offer, $44.50 each.
    expect(figures.revenue).toEqual([
      {
        ...usd({ shown: 6, accepted: 2, declined: 2 }, { paid: 13350 }).revenue[0],
        orders: 3,
        perOrder: 4450,
      },
    ]);
    expect(figures.revenue[0]?.perShown).toBe(2225);
    expect(figures.steps).toEqual([
      { step: 1, ...usd({ shown: 3, accepted: 2, declined: 1 }, { paid: 13350 }) },
      { step: 2, ...usd({ shown: 3, accepted: 0, declined: 1 }) },
    ]);
    expect(figures.offers).toEqual([
      {
        offerId: shop.offers.tank,
        name: "Tank",
        ...usd({ shown: 3, accepted: 2, declined: 1 }, { paid: 13350 }),
      },
      { offerId: shop.offers.food, name: "Food", ...usd({ shown: 2, accepted: 0, declined: 1 }) },
      { offerId: shop.offers.care, name: "Care", ...usd({ shown: 1, accepted: 0, declined: 0 }) },
    ]);
    expect(figures.days).toEqual([
      { day: "2026-11-22", ...usd({ shown: 4, accepted: 1, declined: 2 }, { paid: 6675 }) },
      { day: "2026-11-23", ...usd({ shown: 2, accepted: 1, declined: 0 }, { paid: 6675 }) },
    ]);
  });

  test("several currencies are kept apart: each has its own figures and money, never added to another's", async () => {
    const site = shop.siteId;
    const product = async (sku: string, price: number) =>
      (
        await (
          await harness.admin(`/sites/${site}/products`, {
            method: "POST",
            json: { sku, name: sku, price, currency: "EUR" },
          })
        ).json()
      ).product.id as string;
    const koi = await product("koi", 500);
    const pond = await product("pond", 10000);
    await harness.admin(`/sites/${site}/offers`, {
      method: "POST",
      json: {
        name: "Pond",
        productId: pond,
        trigger: { products: [koi] },
        discount: { type: "percent", value: 10 },
      },
    });
    await buyer(harness, site, { id: "727", key: ORDER_KEY, actions: ["accept"] }); // $66.75, then food shown
    await buyer(harness, site, {
      id: "900",
      key: "wc_order_eurobuyer123",
      actions: ["accept"], // €90.00, nothing after it
      order: { lines: [{ product: "koi", quantity: 1, unitPrice: 500 }], total: 500, currency: "EUR" },
    });

    const figures = await stats("");
    expect(figures.totals).toMatchObject({ shown: 3, accepted: 2, declined: 0, orders: 2 });
    expect(figures.revenue).toEqual([
      {
        currency: "EUR",
        shown: 1,
        accepted: 1,
        declined: 0,
        paid: 9000,
        pending: 0,
        refunded: 0,
        perShown: 9000,
        orders: 1,
        perOrder: 9000,
      },
      {
        currency: "USD",
        shown: 2,
        accepted: 1,
        declined: 0,
        paid: 6675,
        pending: 0,
        refunded: 0,
        perShown: 3338, // $66.75 over 2 offers shown, to the nearest cent
        orders: 1,
        perOrder: 6675,
      },
    ]);
    expect(figures.days[0]?.revenue.map(({ currency, paid }) => ({ currency, paid }))).toEqual([
      { currency: "EUR", paid: 9000 },
      { currency: "USD", paid: 6675 },
    ]);
    expect(figures.steps[0]?.revenue.map(({ currency, paid }) => ({ currency, paid }))).toEqual([
      { currency: "EUR", paid: 9000 },
      { currency: "USD", paid: 6675 },
    ]);
  });

  test("a period with nothing shown still tells each of the catalogue's currencies, at zero", async () => {
    await buyer(harness, shop.siteId, { id: "727", key: ORDER_KEY, actions: ["accept"] });
    const figures = await stats("?from=2026-11-23&to=2026-11-30");
    expect(figures.totals).toEqual({
      shown: 0,
      accepted: 0,
      declined: 0,
      acceptRate: 0,
      orders: 0,
      revenue: [
        {
          currency: "USD",
          shown: 0,
          accepted: 0,
          declined: 0,
          paid: 0,
          pending: 0,
          refunded: 0,
          perShown: 0,
        },
      ],
    });
    expect(figures.revenue).toEqual([{ ...figures.totals.revenue[0], orders: 0, perOrder: 0 }]);
    expect(figures.days).toEqual([]);
    expect(figures.offers).toEqual([]);
  });

  test("an offer deleted since keeps its figures and its name, said to be deleted, in the figures and the order list", async () => {
    await buyer(harness, shop.siteId, { id: "727", key: ORDER_KEY, actions: ["accept", "decline"] });
    const deleted = await harness.admin(`/sites/${shop.siteId}/offers/${shop.offers.food}?detach=true`, {
      method: "DELETE",
    });
    expect(deleted.ok).toBe(true);
    const figures = await stats("");
    expect(figures.offers.find((offer) => offer.offerId === shop.offers.food)).toMatchObject({
      name: "Food (deleted)",
      shown: 1,
      declined: 1,
    });
    const list = await (await harness.admin(`/sites/${shop.siteId}/stats/orders`)).json();
    expect(list.orders[0].offers.map((offer: { name: string }) => offer.name)).toEqual([
      "Tank",
      "Food (deleted)",
    ]);
  });

  test.each([
    ["from after to", "?from=2026-11-25&to=2026-11-20"],
    ["a date that is not one", "?from=yesterday"],
    ["more than a year", "?from=2024-01-01&to=2026-01-01"],
  ])(
    "a bad period (%s) is a 400 with the envelope, for the figures and both exports",
    async (_name, query) => {
      for (const path of ["/stats", "/stats/figures.csv", "/stats/orders", "/stats/orders.csv"]) {
        const response = await harness.admin(`/sites/${shop.siteId}${path}${query}`);
        expect(response.status, path).toBe(400);
        expect(await response.json()).toMatchObject({ error: { code: "invalid_request" } });
      }
    },
  );

  test("the snippet is the script tag with the immutable URL, SRI and the site, plus the webhook URLs", async () => {
    const bundle = loadBundle();
    const body = await (await harness.admin(`/sites/${shop.siteId}/snippet`)).json();
    expect(body.snippet).toBe(
      `<script async src="http://127.0.0.1:8787/aquarium.${bundle?.hash}.js" integrity="${bundle?.integrity}" crossorigin="anonymous" data-site="${shop.siteId}"></script>`,
    );
    expect(body.webhooks.woocommerce).toBe(`http://127.0.0.1:8787/v1/hooks/woocommerce/${shop.siteId}`);
  });
});

describe.each(ENGINES)("revenue told apart on %s (fake Stripe)", (engine) => {
  test("paid, pending and refunded are counted apart: what is refunded leaves paid, in part, then in full", async () => {
    const world = await stripeShop(engine);
    try {
      const accept = async (saved: boolean, key: string) => {
        const order = await world.paidOrder({ saved });
        const secret = browserSecret();
        const claimed = SessionResponse.parse(
          await (
            await world.harness.app.request("/v1/sessions", {
              method: "POST",
              headers: { "content-type": "application/json", origin: ORIGIN },
              body: JSON.stringify({
                site: world.shop.siteId,
                order: { source: "stripe", checkoutSession: order.id },
                secret,
              }),
            })
          ).json(),
        );
        await world.harness.app.request(`/v1/sessions/${claimed.session.id}/decisions`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            origin: ORIGIN,
            authorization: `Bearer ${secret}`,
            "idempotency-key": key,
          },
          body: JSON.stringify({ offer: world.shop.offers.tank, action: "accept" }),
        });
      };
      await accept(true, "key-stats-paid"); // paid at once: 6675
      await accept(false, "key-stats-link"); // a pay link not paid yet: 6675 pending
      const [paid] = (await world.harness.store.payments.list(world.shop.siteId)).filter(
        (p) => p.status === "paid",
      );
      const refund = async (amount: number) => {
        const refunded = await world.deliver(
          world.fake.event("charge.refunded", world.fake.refund(paid?.providerPayment as string, amount)),
        );
        expect(refunded.ok).toBe(true);
        return StatsAnswer.parse(
          await (await world.harness.admin(`/sites/${world.shop.siteId}/stats`)).json(),
        );
      };
      // Two tanks accepted, and the food offered after each: 4 offers shown to 2 orders.
      const counts = { shown: 4, accepted: 2, declined: 0 };

      const partly = await refund(675);
      expect(partly.revenue).toEqual([
        {
          currency: "USD",
          ...counts,
          paid: 6000,
          pending: 6675,
          refunded: 675,
          perShown: 1500,
          orders: 2,
          perOrder: 3000,
        },
      ]);
      expect(partly.offers.find((row) => row.offerId === world.shop.offers.tank)?.revenue).toEqual([
        {
          currency: "USD",
          shown: 2,
          accepted: 2,
          declined: 0,
          paid: 6000,
          pending: 6675,
          refunded: 675,
          perShown: 3000,
        },
      ]);
      expect(partly.steps.map((step) => [step.step, step.revenue[0]?.paid])).toEqual([
        [1, 6000],
        [2, 0],
      ]);

      // The rest of it refunded: nothing of that accept is left in paid.
      const fully = await refund(6000);
      expect(fully.revenue).toEqual([
        {
          currency: "USD",
          ...counts,
          paid: 0,
          pending: 6675,
          refunded: 6675,
          perShown: 0,
          orders: 2,
          perOrder: 0,
        },
      ]);
    } finally {
      await world.close();
    }
  });
});

describe.each(ENGINES)("test orders on %s", (engine) => {
  test("a test order's offers, answers and money count nowhere: not in the figures, the order list nor the exports", async () => {
    const harness = await testApp(engine);
    try {
      const shop = await seedShop(harness);
      const site = shop.siteId;
      await buyer(harness, site, { id: "727", key: ORDER_KEY, actions: ["accept"] });
      await buyer(harness, site, {
        id: "9001",
        key: "wc_order_sellerstries",
        actions: ["accept", "accept"],
        order: { test: true },
      });

      const stats = StatsAnswer.parse(await (await harness.admin(`/sites/${site}/stats`)).json());
      // Only the real buyer's: the tank accepted and the food shown after it.
      expect(stats.totals).toMatchObject({ shown: 2, accepted: 1, orders: 1 });
      expect(stats.revenue[0]).toMatchObject({ currency: "USD", paid: 6675, orders: 1 });
      const list = await (await harness.admin(`/sites/${site}/stats/orders`)).json();
      expect(list.orders.map((order: { order: string }) => order.order)).toEqual(["727"]);
      const csv = await (await harness.admin(`/sites/${site}/stats/orders.csv`)).text();
      expect(csv).not.toContain("9001");
      // The test order was shown and answered all the same: it is only left out of the counting.
      expect((await harness.store.payments.list(site)).length).toBe(3);
    } finally {
      await harness.dispose();
    }
  });
});
