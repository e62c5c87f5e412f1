import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { SessionResponse, StatsAnswer } from "../../../server/contract/index.ts";
import { loadBundle } from "../../../server/embed/bundle.ts";
import { type TestApp, testApp } from "../../support/app.ts";
import { ENGINES } from "../../support/engines.ts";
import {
  BROWSER_SECRET,
  browserSecret,
  claim,
  decide,
  ORDER_KEY,
  ORIGIN,
  paidOrder,
  seedShop,
} from "../../support/shop.ts";
import { stripeShop } from "../../support/stripe-shop.ts";

describe.each(ENGINES)("stats and snippet on %s", (engine) => {
  let harness: TestApp;
  let shop: Awaited<ReturnType<typeof seedShop>>;

  beforeEach(async () => {
    harness = await testApp(engine, { bundle: loadBundle() });
    shop = await seedShop(harness);
  });
  afterEach(() => harness.dispose());

  /** One buyer of order `id`: claims, then decides the offers shown in turn. */
  async function buyer(id: string, key: string, actions: ("accept" | "decline")[]) {
    await paidOrder(harness, shop.siteId, {
      externalId: id,
      keyHash: (await import("../../../server/crypto.ts")).sha256Hex(key),
    });
    const body = SessionResponse.parse(
      await (await claim(harness, { site: shop.siteId, order: { source: "woocommerce", id, key } })).json(),
    );
    let offer = body.offer?.id;
    for (const [i, action] of actions.entries()) {
      if (!offer) break;
      const answer = await (
        await decide(harness, body.session.id, BROWSER_SECRET, { offer, action }, `key-${id}-${i}`)
      ).json();
      offer = answer.next?.id;
    }
  }

  test("counts offers shown, accepted and declined, the accept rate and the revenue, per offer and per day", async () => {
    await buyer("727", ORDER_KEY, ["accept", "decline"]); // tank accepted (6675), food shown and declined
    await buyer("728", "wc_order_secondbuyer1", ["decline"]); // tank declined, care shown
    harness.now += 86_400_000;
    await buyer("729", "wc_order_thirdbuyer12", ["accept"]); // the next day: tank accepted, food shown

    const response = await harness.admin(`/sites/${shop.siteId}/stats?from=2026-11-22&to=2026-11-23`);
    expect(response.status).toBe(200);
    const stats = await response.json();
    expect(stats.totals).toEqual({ shown: 6, accepted: 2, declined: 2, acceptRate: 2 / 6 });
    expect(stats.revenue).toEqual([{ currency: "USD", amount: 2 * 6675, pending: 0, refunded: 0 }]);
    const byOffer = Object.fromEntries(stats.offers.map((o: { offerId: string }) => [o.offerId, o]));
    expect(byOffer[shop.offers.tank]).toMatchObject({
      name: "Tank",
      shown: 3,
      accepted: 2,
      declined: 1,
      revenue: 13350,
      acceptRate: 2 / 3,
    });
    expect(byOffer[shop.offers.food]).toMatchObject({ shown: 2, accepted: 0, declined: 1, revenue: 0 });
    expect(byOffer[shop.offers.care]).toMatchObject({ shown: 1, accepted: 0, declined: 0 });
    expect(stats.days).toEqual([
      { day: "2026-11-22", shown: 4, accepted: 1, declined: 2, revenue: 6675, pending: 0, refunded: 0 },
      { day: "2026-11-23", shown: 2, accepted: 1, declined: 0, revenue: 6675, pending: 0, refunded: 0 },
    ]);
  });

  test("a period leaves out what happened outside it", async () => {
    await buyer("727", ORDER_KEY, ["accept"]);
    const stats = await (
      await harness.admin(`/sites/${shop.siteId}/stats?from=2026-11-23&to=2026-11-30`)
    ).json();
    expect(stats.totals).toEqual({ shown: 0, accepted: 0, declined: 0, acceptRate: 0 });
    expect(stats.days).toEqual([]);
  });

  test.each([
    ["from after to", "?from=2026-11-25&to=2026-11-20"],
    ["a date that is not one", "?from=yesterday"],
    ["more than a year", "?from=2024-01-01&to=2026-01-01"],
  ])("a bad period (%s) is a 400 with the envelope", async (_name, query) => {
    const response = await harness.admin(`/sites/${shop.siteId}/stats${query}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "invalid_request" } });
  });

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
  test("paid, pending and refunded are counted apart, and revenue added is what was paid, net of refunds", async () => {
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
      await world.deliver(
        world.fake.event("charge.refunded", world.fake.refund(paid?.providerPayment as string, 675)),
      );

      const stats = StatsAnswer.parse(
        await (await world.harness.admin(`/sites/${world.shop.siteId}/stats`)).json(),
      );
      expect(stats.revenue).toEqual([{ currency: "USD", amount: 6000, pending: 6675, refunded: 675 }]);
      expect(stats.offers.find((row) => row.offerId === world.shop.offers.tank)).toMatchObject({
        accepted: 2,
        revenue: 6000,
        pending: 6675,
        refunded: 675,
      });
    } finally {
      await world.close();
    }
  });
});
