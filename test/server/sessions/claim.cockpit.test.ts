import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { ClaimLog, CockpitAnswer } from "../../../server/contract/index.ts";
import { type TestApp, testApp } from "../../support/app.ts";
import { ENGINES } from "../../support/engines.ts";
import { browserSecret, claim, ORDER_KEY, ORIGIN, paidOrder, seedShop } from "../../support/shop.ts";

/** Every claim's outcome is kept for the seller's cockpit, while the page is told nothing more than before. */
describe.each(ENGINES)("claims in the cockpit on %s", (engine) => {
  let harness: TestApp;
  let shop: Awaited<ReturnType<typeof seedShop>>;
  const woo = { source: "woocommerce", id: "727", key: ORDER_KEY };

  beforeEach(async () => {
    harness = await testApp(engine);
    shop = await seedShop(harness);
    await paidOrder(harness, shop.siteId);
  });
  afterEach(() => harness.dispose());

  async function origins(): Promise<ClaimLog[]> {
    const response = await harness.admin(`/sites/${shop.siteId}/cockpit`);
    expect(response.status).toBe(200);
    return ((await response.json()) as CockpitAnswer).claims;
  }
  const outcomesOf = async (origin: string | null) =>
    (await origins()).find((log) => log.origin === origin)?.claims.map((entry) => entry.outcome);

  test("a claim that gets an offer is kept with its origin, its order and how the page named it", async () => {
    expect((await claim(harness, { site: shop.siteId, order: woo })).status).toBe(201);
    const [log] = await origins();
    expect(log).toMatchObject({ origin: ORIGIN, allowed: true, advice: null });
    expect(log?.claims).toEqual([
      {
        at: new Date(harness.now).toISOString(),
        outcome: "offer",
        reference: "woocommerce",
        order: "727",
        test: false,
        message: "An offer was shown.",
      },
    ]);
  });

  test("a page on a missing www. is refused, and the cockpit says which origin to add, beside the one allowed", async () => {
    const response = await claim(
      harness,
      { site: shop.siteId, order: woo },
      { origin: "https://www.fish.example" },
    );
    expect(response.status).toBe(404);
    const log = (await origins()).find((entry) => entry.origin === "https://www.fish.example");
    expect(log?.allowed).toBe(false);
    expect(log?.advice).toBe(
      "https://www.fish.example is not among this site's allowed origins (the site allows https://fish.example: each spelling of the address must be listed); add it?",
    );
    expect(log?.claims.map((entry) => [entry.outcome, entry.order])).toEqual([["origin_refused", null]]);
  });

  test("every way of missing is told apart for the seller, and is the very same 404 for the page", async () => {
    const misses: Response[] = [];
    const ask = async (body: unknown, headers: Record<string, string> = {}) => {
      const response = await claim(harness, body, headers);
      misses.push(response);
      harness.now += 1000;
    };
    await ask({ site: shop.siteId, order: { ...woo, key: "wc_order_wrongKey0000" } });
    await ask({ site: shop.siteId, order: woo }, { origin: "http://fish.example" });
    await claim(harness, { site: shop.siteId, order: woo });
    harness.now += 1000;
    await ask({ site: shop.siteId, order: woo, secret: browserSecret() });
    harness.now += 30 * 60_000;
    await ask({ site: shop.siteId, order: woo });
    await paidOrder(harness, shop.siteId, { externalId: "728", status: "refunded" });
    await ask({ site: shop.siteId, order: { ...woo, id: "728" } });

    const bodies = await Promise.all(misses.map((response) => response.text()));
    expect(misses.map((response) => response.status)).toEqual([404, 404, 404, 404, 404]);
    expect(new Set(bodies).size).toBe(1);
    expect(await outcomesOf(ORIGIN)).toEqual([
      "order_not_paid",
      "window_closed",
      "other_browser",
      "offer",
      "order_not_found",
    ]);
    expect(await outcomesOf("http://fish.example")).toEqual(["origin_refused"]);
  });

  test("a claim answered without an offer keeps why (here, no offer is active)", async () => {
    for (const id of Object.values(shop.offers)) {
      await harness.admin(`/sites/${shop.siteId}/offers/${id}`, { method: "PATCH", json: { active: false } });
    }
    const first = await claim(harness, { site: shop.siteId, order: woo });
    expect(first.status).toBe(201);
    expect((await first.json()).offer).toBeNull();
    const [log] = await origins();
    expect(log?.claims[0]).toMatchObject({ outcome: "no_active_offer", message: "No offer is active." });
  });

  test("claims for an unknown site are kept nowhere", async () => {
    const response = await claim(harness, { site: "site_unknownSite000", order: woo });
    expect(response.status).toBe(404);
    expect(await harness.store.cockpit.claims("site_unknownSite000")).toEqual([]);
    expect(await origins()).toEqual([]);
  });
});
