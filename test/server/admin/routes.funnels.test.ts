import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { OfferConfig, Product } from "../../../server/contract/index.ts";
import { type TestApp, testApp } from "../../support/app.ts";
import { ENGINES } from "../../support/engines.ts";
import { envelopeOf } from "../../support/envelope.ts";

/*
 * Funnels without traps, through the admin API: discounts that would give a product away, currencies that do
 * not exist and steps that lead to themselves are refused beside their field; "only as a funnel step" offers.
 */
describe.each(ENGINES)("offers without traps on %s", (engine) => {
  let harness: TestApp;
  let site: string;
  let tank: Product;
  let filter: Product;

  beforeEach(async () => {
    harness = await testApp(engine);
    const created = await harness.admin("/sites", { method: "POST", json: { name: "Fish shop" } });
    site = (await created.json()).site.id;
    tank = await createProduct({ sku: "TANK-60", name: "60 L tank", price: 8900, currency: "EUR" });
    filter = await createProduct({ sku: "FILTER-S", name: "Small filter", price: 1990, currency: "EUR" });
  });
  afterEach(async () => {
    await harness.dispose();
  });

  async function createProduct(json: unknown): Promise<Product> {
    const response = await harness.admin(`/sites/${site}/products`, { method: "POST", json });
    expect(response.status).toBe(201);
    return (await response.json()).product;
  }
  async function createOffer(json: Record<string, unknown>): Promise<OfferConfig> {
    const response = await harness.admin(`/sites/${site}/offers`, {
      method: "POST",
      json: { productId: tank.id, discount: { type: "percent", value: 10 }, ...json },
    });
    expect(response.status).toBe(201);
    return (await response.json()).offer;
  }
  const offers = async (): Promise<OfferConfig[]> =>
    (await (await harness.admin(`/sites/${site}/offers`)).json()).offers;
  const products = async (): Promise<Product[]> =>
    (await (await harness.admin(`/sites/${site}/products`)).json()).products;

  test.each([
    [
      "a fixed amount equal to the price",
      { type: "fixed", value: 8900 },
      "must be less than the product's price, 89.00 EUR",
    ],
    [
      "a fixed amount above the price",
      { type: "fixed", value: 9000 },
      "must be less than the product's price, 89.00 EUR",
    ],
    ["100 % off", { type: "percent", value: 100 }, "must be less than 100"],
  ])(
    "an offer with %s is refused beside discount.value, and nothing is made",
    async (_name, discount, words) => {
      const response = await harness.admin(`/sites/${site}/offers`, {
        method: "POST",
        json: { name: "Free tank", productId: tank.id, discount },
      });
      expect(response.status).toBe(400);
      const error = await envelopeOf(response);
      expect(error.code).toBe("invalid_request");
      expect(error.fields?.["discount.value"]).toContain(words);
      expect(await offers()).toEqual([]);
    },
  );

  test("a percentage with decimals, 12.5 % off, is taken as it is", async () => {
    const offer = await createOffer({ name: "Tank deal", discount: { type: "percent", value: 12.5 } });
    expect(offer.discount).toEqual({ type: "percent", value: 12.5 });
  });

  test("a patch that moves an offer to a product its fixed discount would give away is refused", async () => {
    const offer = await createOffer({ name: "Tank deal", discount: { type: "fixed", value: 2500 } });
    const moved = await harness.admin(`/sites/${site}/offers/${offer.id}`, {
      method: "PATCH",
      json: { productId: filter.id },
    });
    expect(moved.status).toBe(400);
    expect((await envelopeOf(moved)).fields).toEqual({
      "discount.value": "must be less than the product's price, 19.90 EUR: the buyer would pay nothing",
    });
    const raised = await harness.admin(`/sites/${site}/offers/${offer.id}`, {
      method: "PATCH",
      json: { discount: { type: "fixed", value: 8900 } },
    });
    expect(raised.status).toBe(400);
    expect(await offers()).toEqual([offer]);
  });

  test("a product's price cannot drop to an offer's fixed discount: refused beside price, naming the offer", async () => {
    await createOffer({ name: "Tank deal", discount: { type: "fixed", value: 2500 } });
    const response = await harness.admin(`/sites/${site}/products/${tank.id}`, {
      method: "PATCH",
      json: { price: 2500 },
    });
    expect(response.status).toBe(400);
    const error = await envelopeOf(response);
    expect(error.fields?.price).toContain('"Tank deal"');
    expect(error.fields?.price).toContain("the buyer would pay nothing");
    expect((await products()).find((p) => p.id === tank.id)?.price).toBe(8900);
    const lower = await harness.admin(`/sites/${site}/products/${tank.id}`, {
      method: "PATCH",
      json: { price: 2501 },
    });
    expect(lower.status).toBe(200);
  });

  test.each([
    ["a product", "products", { sku: "X", name: "X", price: 100, currency: "EUX" }, "currency"],
    [
      "an offer's trigger",
      "offers",
      { name: "X", productId: "", trigger: { currency: "ABC" } },
      "trigger.currency",
    ],
  ])(
    "%s in a currency that is not ISO 4217 is refused beside the field",
    async (_name, kind, json, field) => {
      const body =
        kind === "offers" ? { ...json, productId: tank.id, discount: { type: "percent", value: 5 } } : json;
      const response = await harness.admin(`/sites/${site}/${kind}`, { method: "POST", json: body });
      expect(response.status).toBe(400);
      expect((await envelopeOf(response)).fields?.[field]).toBe(
        "is not an ISO 4217 currency code: use one like EUR, USD, GBP or PLN",
      );
    },
  );

  test("an offer cannot be its own downsell, even when created in the same patch as other fields", async () => {
    const offer = await createOffer({ name: "Tank deal" });
    const response = await harness.admin(`/sites/${site}/offers/${offer.id}`, {
      method: "PATCH",
      json: { priority: 5, downsellId: offer.id },
    });
    expect(response.status).toBe(400);
    expect((await envelopeOf(response)).fields).toEqual({ downsellId: "an offer cannot follow itself" });
    expect(await offers()).toEqual([offer]);
  });

  test("an offer marked only as a funnel step keeps the mark, and can lose it", async () => {
    const step = await createOffer({ name: "Filter instead", productId: filter.id, funnelOnly: true });
    expect(step.funnelOnly).toBe(true);
    const entry = await createOffer({ name: "Tank deal", downsellId: step.id });
    expect(entry.funnelOnly).toBe(false);
    const changed = await harness.admin(`/sites/${site}/offers/${step.id}`, {
      method: "PATCH",
      json: { funnelOnly: false },
    });
    expect((await changed.json()).offer.funnelOnly).toBe(false);
  });
});
