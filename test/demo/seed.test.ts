import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { CATALOGUE, seedDemo } from "../../demo/seed.ts";
import { SessionResponse } from "../../server/contract/index.ts";
import { sha256Hex } from "../../server/crypto.ts";
import { type TestApp, testApp } from "../support/app.ts";
import { ENGINES } from "../support/engines.ts";
import { BROWSER_SECRET, claim, decide, ORIGIN, paidOrder } from "../support/shop.ts";

describe.each(ENGINES)("the demo's seed on %s", (engine) => {
  let harness: TestApp;
  let siteId: string;

  beforeEach(async () => {
    harness = await testApp(engine);
    ({ siteId } = await seedDemo(harness.store, ORIGIN, harness.now));
  });
  afterEach(() => harness.dispose());

  const goldfishOrder = {
    lines: [{ product: "goldfish", quantity: 1, unitPrice: 1200 }],
    total: 1200,
    currency: "EUR",
  };

  /** A goldfish buyer's thank-you page: the first offer, and what follows each answer. */
  async function goldfishBuyer(id: string) {
    await paidOrder(harness, siteId, {
      externalId: id,
      keyHash: sha256Hex(`wc_order_${id}demo`),
      ...goldfishOrder,
    });
    const claimed = await claim(harness, {
      site: siteId,
      order: { source: "woocommerce", id, key: `wc_order_${id}demo` },
    });
    const body = SessionResponse.parse(await claimed.json());
    const answer = async (action: "accept" | "decline") => {
      const decided = await decide(
        harness,
        body.session.id,
        BROWSER_SECRET,
        { offer: body.offer?.id, action },
        `key-${id}-${action}`,
      );
      return (await decided.json()) as { next: { title: string; product: string } | null };
    };
    return { offer: body.offer, answer };
  }

  test("the goldfish's offer names the aquarium kit, and its picture is the kit's drawing", async () => {
    const { offer } = await goldfishBuyer("1");
    const kit = (await harness.store.products.list(siteId)).find((product) => product.sku === "aquarium-60");
    expect(offer?.product).toBe(kit?.id);
    expect(offer?.title).toContain("60 L aquarium kit");
    expect(offer?.image).toBe(`${ORIGIN}/shop/img/aquarium-60.svg`);
  });

  test("accepting the kit brings the next step at once: the goldfish food", async () => {
    const { answer } = await goldfishBuyer("2");
    const { next } = await answer("accept");
    const food = (await harness.store.products.list(siteId)).find(
      (product) => product.sku === "goldfish-food",
    );
    expect(next?.product).toBe(food?.id);
    expect(next?.title).toBe("Something to eat in the new home");
  });

  test("declining the kit brings the water care set instead", async () => {
    const { answer } = await goldfishBuyer("3");
    const { next } = await answer("decline");
    const care = (await harness.store.products.list(siteId)).find((product) => product.sku === "water-care");
    expect(next?.product).toBe(care?.id);
  });

  test("every product of the catalogue is seeded with its drawn picture; a second seed changes nothing", async () => {
    const products = await harness.store.products.list(siteId);
    expect(products.map((product) => [product.sku, product.imageUrl]).sort()).toEqual(
      CATALOGUE.map((item) => [item.sku, `${ORIGIN}/shop/img/${item.sku}.svg`]).sort(),
    );
    const again = await seedDemo(harness.store, ORIGIN, harness.now);
    expect(again.siteId).toBe(siteId);
    expect(again.ownerToken).toBeNull();
    expect(await harness.store.products.list(siteId)).toHaveLength(products.length);
    expect((await harness.store.offers.list(siteId)).filter((offer) => offer.nextId !== null)).toHaveLength(
      1,
    );
  });
});
