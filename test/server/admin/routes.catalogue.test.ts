import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { ErrorEnvelope } from "../../../server/contract/index.ts";
import { type TestApp, testApp } from "../../support/app.ts";
import { ENGINES } from "../../support/engines.ts";

interface Product {
  id: string;
  siteId: string;
  sku: string;
  name: string;
  description: string;
  imageUrl: string | null;
  price: number;
  currency: string;
  tags: string[];
  createdAt: string;
}
interface Offer {
  id: string;
  siteId: string;
  name: string;
  productId: string;
  title: string | null;
  description: string | null;
  trigger: { products: string[]; tags: string[]; minTotal: number | null; currency: string | null };
  discount: { type: "percent" | "fixed"; value: number };
  quantityMax: number;
  priority: number;
  active: boolean;
  downsellId: string | null;
  nextId: string | null;
  createdAt: string;
}

const TANK = {
  sku: "TANK-60",
  name: "60 L tank",
  description: "Glass, with a lid.",
  imageUrl: "https://cdn.fish.example/tank-60.jpg",
  price: 8900,
  currency: "EUR",
  tags: ["tanks", "glass"],
};
const FILTER = { sku: "FILTER-S", name: "Small filter", price: 1990, currency: "EUR" };

async function errorOf(
  response: Response,
): Promise<{ code: string; message: string; fields?: Record<string, string> }> {
  const body = await response.json();
  expect(Object.keys(body)).toEqual(["error"]);
  return ErrorEnvelope.parse(body).error;
}

/** The refusal names the field among its `fields`, the way the admin shows it beside the input. */
const namesField = (error: { fields?: Record<string, string> }, field: string) =>
  Object.keys(error.fields ?? {}).some((path) => path === field || path.startsWith(`${field}.`));

describe.each(ENGINES)("admin catalogue on %s", (engine) => {
  let harness: TestApp;
  let site: string;

  beforeEach(async () => {
    harness = await testApp(engine);
    site = await createSite("Fish shop");
  });
  afterEach(async () => {
    await harness.dispose();
  });

  async function createSite(name: string): Promise<string> {
    const response = await harness.admin("/sites", { method: "POST", json: { name } });
    expect(response.status).toBe(201);
    return (await response.json()).site.id;
  }
  async function createProduct(siteId: string, json: unknown): Promise<Product> {
    const response = await harness.admin(`/sites/${siteId}/products`, { method: "POST", json });
    expect(response.status).toBe(201);
    return (await response.json()).product;
  }
  async function createOffer(siteId: string, json: unknown): Promise<Offer> {
    const response = await harness.admin(`/sites/${siteId}/offers`, { method: "POST", json });
    expect(response.status).toBe(201);
    return (await response.json()).offer;
  }
  async function get(path: string): Promise<unknown> {
    const response = await harness.admin(path);
    expect(response.status).toBe(200);
    return response.json();
  }

  describe("products", () => {
    test("a product is created with every value given, and read back alike", async () => {
      const response = await harness.admin(`/sites/${site}/products`, {
        method: "POST",
        json: { ...TANK, name: "  60 L tank ", tags: [" Tanks", "GLASS "] },
      });
      expect(response.status).toBe(201);
      const { product } = await response.json();
      expect(product).toEqual({
        id: expect.stringMatching(/^prod_[A-Za-z0-9_-]{8,64}$/),
        siteId: site,
        ...TANK,
        createdAt: new Date(harness.now).toISOString(),
      });
      expect(await get(`/sites/${site}/products/${product.id}`)).toEqual({ product });
      expect(await get(`/sites/${site}/products`)).toEqual({ products: [product] });
    });

    test("a product created with only the required fields gets the defaults", async () => {
      const product = await createProduct(site, FILTER);
      expect(product).toMatchObject({ ...FILTER, description: "", imageUrl: null, tags: [] });
    });

    test("a product patch changes only the fields it gives", async () => {
      const tank = await createProduct(site, TANK);
      const response = await harness.admin(`/sites/${site}/products/${tank.id}`, {
        method: "PATCH",
        json: { price: 7900 },
      });
      expect(response.status).toBe(200);
      expect((await response.json()).product).toEqual({ ...tank, price: 7900 });

      const cleared = await harness.admin(`/sites/${site}/products/${tank.id}`, {
        method: "PATCH",
        json: { imageUrl: null, tags: [], currency: "USD" },
      });
      expect((await cleared.json()).product).toEqual({
        ...tank,
        price: 7900,
        imageUrl: null,
        tags: [],
        currency: "USD",
      });
      expect(await get(`/sites/${site}/products/${tank.id}`)).toEqual({
        product: { ...tank, price: 7900, imageUrl: null, tags: [], currency: "USD" },
      });
    });

    test("a product is listed in the order it was created", async () => {
      const tank = await createProduct(site, TANK);
      harness.now += 1000;
      const filter = await createProduct(site, FILTER);
      expect(await get(`/sites/${site}/products`)).toEqual({ products: [tank, filter] });
    });

    test("a product an offer's trigger names cannot be deleted: 409, and it stays", async () => {
      const tank = await createProduct(site, TANK);
      const filter = await createProduct(site, FILTER);
      await createOffer(site, {
        name: "Filter for tank buyers",
        productId: filter.id,
        trigger: { products: [tank.id] },
        discount: { type: "percent", value: 10 },
      });
      const response = await harness.admin(`/sites/${site}/products/${tank.id}`, { method: "DELETE" });
      expect(response.status).toBe(409);
      expect(await errorOf(response)).toEqual({
        code: "conflict",
        message:
          'This product is in the trigger of "Filter for tank buyers": take it out of that offer first.',
      });
      expect(await get(`/sites/${site}/products/${tank.id}`)).toEqual({ product: tank });
    });

    test("deleting a product answers 204, and afterwards it is gone", async () => {
      const tank = await createProduct(site, TANK);
      const filter = await createProduct(site, FILTER);
      const response = await harness.admin(`/sites/${site}/products/${tank.id}`, { method: "DELETE" });
      expect(response.status).toBe(204);
      const read = await harness.admin(`/sites/${site}/products/${tank.id}`);
      expect(read.status).toBe(404);
      expect((await errorOf(read)).code).toBe("not_found");
      expect(await get(`/sites/${site}/products`)).toEqual({ products: [filter] });
      expect((await harness.admin(`/sites/${site}/products/${tank.id}`, { method: "DELETE" })).status).toBe(
        404,
      );
      expect(
        (await harness.admin(`/sites/${site}/products/${tank.id}`, { method: "PATCH", json: { price: 1 } }))
          .status,
      ).toBe(404);
    });

    test.each([
      ["price", { price: -1 }],
      ["price", { price: 12.5 }],
      ["price", { price: "8900" }],
      ["currency", { currency: "eur" }],
      ["currency", { currency: "EURO" }],
      ["imageUrl", { imageUrl: "javascript:alert(1)" }],
      ["imageUrl", { imageUrl: "data:image/png;base64,AAAA" }],
      ["sku", { sku: "   " }],
      ["name", { name: "" }],
      ["tags", { tags: Array.from({ length: 21 }, (_, i) => `tag${i}`) }],
      ["sku", { sku: undefined }],
      ["colour", { colour: "blue" }],
    ])("a product with an invalid %s is refused with 400 naming it", async (field, change) => {
      const response = await harness.admin(`/sites/${site}/products`, {
        method: "POST",
        json: { ...TANK, ...change },
      });
      expect(response.status).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe("invalid_request");
      expect(error.message).toContain(field);
      expect(namesField(error, field)).toBe(true);
      expect(await get(`/sites/${site}/products`)).toEqual({ products: [] });
    });

    test.each([
      ["price", { price: -100 }],
      ["currency", { currency: "eur" }],
      ["imageUrl", { imageUrl: "javascript:alert(1)" }],
      ["siteId", { siteId: "site_someoneelse1" }],
    ])(
      "a product patch with an invalid %s is refused with 400 naming it, changing nothing",
      async (field, json) => {
        const tank = await createProduct(site, TANK);
        const response = await harness.admin(`/sites/${site}/products/${tank.id}`, { method: "PATCH", json });
        expect(response.status).toBe(400);
        const error = await errorOf(response);
        expect(error.code).toBe("invalid_request");
        expect(error.message).toContain(field);
        expect(namesField(error, field)).toBe(true);
        expect(namesField(error, field)).toBe(true);
        expect(await get(`/sites/${site}/products/${tank.id}`)).toEqual({ product: tank });
      },
    );

    test("a second product with the same SKU is refused with 409, by create and by patch", async () => {
      const tank = await createProduct(site, TANK);
      const duplicate = await harness.admin(`/sites/${site}/products`, {
        method: "POST",
        json: { ...FILTER, sku: TANK.sku },
      });
      expect(duplicate.status).toBe(409);
      expect((await errorOf(duplicate)).code).toBe("conflict");

      harness.now += 1000;
      const filter = await createProduct(site, FILTER);
      const renamed = await harness.admin(`/sites/${site}/products/${filter.id}`, {
        method: "PATCH",
        json: { sku: TANK.sku },
      });
      expect(renamed.status).toBe(409);
      expect((await errorOf(renamed)).code).toBe("conflict");
      expect(await get(`/sites/${site}/products`)).toEqual({ products: [tank, filter] });
    });

    test("another site may use the same SKU", async () => {
      await createProduct(site, TANK);
      const other = await createSite("Other shop");
      expect(await createProduct(other, TANK)).toMatchObject({ siteId: other, sku: TANK.sku });
    });

    test("a product an offer uses cannot be deleted (409), and stays", async () => {
      const tank = await createProduct(site, TANK);
      await createOffer(site, {
        name: "Tank deal",
        productId: tank.id,
        discount: { type: "percent", value: 10 },
      });
      const response = await harness.admin(`/sites/${site}/products/${tank.id}`, { method: "DELETE" });
      expect(response.status).toBe(409);
      expect((await errorOf(response)).code).toBe("conflict");
      expect(await get(`/sites/${site}/products/${tank.id}`)).toEqual({ product: tank });
    });
  });

  describe("offers", () => {
    let tank: Product;
    let filter: Product;
    beforeEach(async () => {
      tank = await createProduct(site, TANK);
      filter = await createProduct(site, FILTER);
    });

    test("an offer is created with every value given, and read back alike", async () => {
      const downsell = await createOffer(site, {
        name: "Filter instead",
        productId: filter.id,
        discount: { type: "fixed", value: 500 },
      });
      const input = {
        name: "Tank upgrade",
        productId: tank.id,
        title: "Add a 60 L tank",
        description: "Only now, 20% off.",
        trigger: { products: [filter.id], tags: ["fish"], minTotal: 2000, currency: "EUR" },
        discount: { type: "percent", value: 20 },
        quantityMax: 3,
        priority: 5,
        active: true,
        downsellId: downsell.id,
        nextId: null,
        funnelOnly: false,
      };
      const response = await harness.admin(`/sites/${site}/offers`, { method: "POST", json: input });
      expect(response.status).toBe(201);
      const { offer } = await response.json();
      expect(offer).toEqual({
        id: expect.stringMatching(/^offer_[A-Za-z0-9_-]{8,64}$/),
        siteId: site,
        ...input,
        createdAt: new Date(harness.now).toISOString(),
      });
      expect(await get(`/sites/${site}/offers/${offer.id}`)).toEqual({ offer });
      // Higher priority first.
      expect(await get(`/sites/${site}/offers`)).toEqual({ offers: [offer, downsell] });
    });

    test("an offer created with only the required fields gets the defaults", async () => {
      const offer = await createOffer(site, {
        name: "Tank deal",
        productId: tank.id,
        discount: { type: "fixed", value: 1000 },
      });
      expect(offer).toMatchObject({
        title: null,
        description: null,
        trigger: { products: [], tags: [], minTotal: null, currency: null },
        discount: { type: "fixed", value: 1000 },
        quantityMax: 1,
        priority: 0,
        active: true,
        downsellId: null,
        nextId: null,
        funnelOnly: false,
      });
    });

    test("an offer patch changes only the fields it gives", async () => {
      const offer = await createOffer(site, {
        name: "Tank deal",
        productId: tank.id,
        discount: { type: "percent", value: 10 },
        priority: 7,
        quantityMax: 2,
      });
      const response = await harness.admin(`/sites/${site}/offers/${offer.id}`, {
        method: "PATCH",
        json: { active: false },
      });
      expect(response.status).toBe(200);
      expect((await response.json()).offer).toEqual({ ...offer, active: false });

      const moved = await harness.admin(`/sites/${site}/offers/${offer.id}`, {
        method: "PATCH",
        json: { productId: filter.id, discount: { type: "fixed", value: 250 } },
      });
      expect(moved.status).toBe(200);
      expect(await get(`/sites/${site}/offers/${offer.id}`)).toEqual({
        offer: { ...offer, active: false, productId: filter.id, discount: { type: "fixed", value: 250 } },
      });
    });

    test("deleting an offer a funnel leads to is refused naming the steps; with detach, 204 and unlinked", async () => {
      const next = await createOffer(site, {
        name: "Filter next",
        productId: filter.id,
        discount: { type: "percent", value: 5 },
      });
      const offer = await createOffer(site, {
        name: "Tank deal",
        productId: tank.id,
        discount: { type: "percent", value: 10 },
        nextId: next.id,
        downsellId: next.id,
      });
      const refused = await harness.admin(`/sites/${site}/offers/${next.id}`, { method: "DELETE" });
      expect(refused.status).toBe(409);
      expect((await refused.json()).usedBy).toEqual([
        { offerId: offer.id, name: "Tank deal", step: "downsellId" },
        { offerId: offer.id, name: "Tank deal", step: "nextId" },
      ]);
      expect(await get(`/sites/${site}/offers/${offer.id}`)).toEqual({ offer });
      const response = await harness.admin(`/sites/${site}/offers/${next.id}?detach=true`, {
        method: "DELETE",
      });
      expect(response.status).toBe(204);
      const read = await harness.admin(`/sites/${site}/offers/${next.id}`);
      expect(read.status).toBe(404);
      expect((await errorOf(read)).code).toBe("not_found");
      expect(await get(`/sites/${site}/offers`)).toEqual({
        offers: [{ ...offer, nextId: null, downsellId: null }],
      });
      expect((await harness.admin(`/sites/${site}/offers/${next.id}`, { method: "DELETE" })).status).toBe(
        404,
      );
    });

    test.each([
      ["discount", { discount: { type: "percent", value: 150 } }],
      ["discount", { discount: { type: "percent", value: -5 } }],
      ["discount", { discount: { type: "free" } }],
      ["discount", { discount: { type: "fixed", value: 1.5 } }],
      ["quantityMax", { quantityMax: 0 }],
      ["quantityMax", { quantityMax: 101 }],
      ["priority", { priority: 1001 }],
      ["productId", { productId: "nope" }],
      ["productId", { productId: "prod_doesnotexist0" }],
      ["name", { name: " " }],
      ["trigger", { trigger: { currency: "eur" } }],
      ["trigger", { trigger: { minTotal: -1 } }],
      ["trigger", { trigger: { colour: "blue" } }],
      ["trigger.products", { trigger: { products: ["prod_doesnotexist0"] } }],
      ["downsellId", { downsellId: "offer_doesnotexist0" }],
      ["nextId", { nextId: "offer_doesnotexist0" }],
      ["downsellId", { downsellId: "prod_notanofferid" }],
    ])("an offer with an invalid %s is refused with 400 naming it", async (field, change) => {
      const response = await harness.admin(`/sites/${site}/offers`, {
        method: "POST",
        json: { name: "Tank deal", productId: tank.id, discount: { type: "percent", value: 10 }, ...change },
      });
      expect(response.status).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe("invalid_request");
      expect(error.message).toContain(field);
      expect(namesField(error, field)).toBe(true);
      expect(await get(`/sites/${site}/offers`)).toEqual({ offers: [] });
    });

    test("an offer cannot be its own downsell or its own next step", async () => {
      const offer = await createOffer(site, {
        name: "Tank deal",
        productId: tank.id,
        discount: { type: "percent", value: 10 },
      });
      for (const field of ["downsellId", "nextId"]) {
        const response = await harness.admin(`/sites/${site}/offers/${offer.id}`, {
          method: "PATCH",
          json: { [field]: offer.id },
        });
        expect(response.status).toBe(400);
        const error = await errorOf(response);
        expect(error.code).toBe("invalid_request");
        expect(error.message).toContain(field);
        expect(namesField(error, field)).toBe(true);
        expect(namesField(error, field)).toBe(true);
      }
      expect(await get(`/sites/${site}/offers/${offer.id}`)).toEqual({ offer });
    });

    test("a patch of an unknown offer answers 404 even with a valid body", async () => {
      const response = await harness.admin(`/sites/${site}/offers/offer_doesnotexist0`, {
        method: "PATCH",
        json: { active: false },
      });
      expect(response.status).toBe(404);
      expect((await errorOf(response)).code).toBe("not_found");
    });
  });

  describe("site isolation", () => {
    interface Catalogue {
      site: unknown;
      products: unknown;
      offers: unknown;
    }
    let siteB: string;
    let productA: Product;
    let offerA: Offer;
    let productB: Product;
    let offerB: Offer;
    let downsellB: Offer;

    const catalogue = async (id: string): Promise<Catalogue> => ({
      site: await get(`/sites/${id}`),
      products: await get(`/sites/${id}/products`),
      offers: await get(`/sites/${id}/offers`),
    });

    beforeEach(async () => {
      siteB = await createSite("Other shop");
      productA = await createProduct(site, TANK);
      offerA = await createOffer(site, {
        name: "A deal",
        productId: productA.id,
        discount: { type: "percent", value: 10 },
      });
      productB = await createProduct(siteB, { ...TANK, name: "B's tank", price: 9900 });
      downsellB = await createOffer(siteB, {
        name: "B downsell",
        productId: productB.id,
        discount: { type: "fixed", value: 300 },
      });
      offerB = await createOffer(siteB, {
        name: "B deal",
        productId: productB.id,
        discount: { type: "percent", value: 25 },
        priority: 3,
        downsellId: downsellB.id,
        trigger: { products: [productB.id] },
      });
    });

    test("another site's product cannot be read, changed or deleted through this site (404)", async () => {
      const before = await catalogue(siteB);
      const path = `/sites/${site}/products/${productB.id}`;
      for (const [method, json] of [
        ["GET", undefined],
        ["PATCH", { price: 1, name: "Stolen" }],
        ["DELETE", undefined],
      ] as const) {
        const response = await harness.admin(path, { method, ...(json && { json }) });
        expect(response.status, method).toBe(404);
        expect((await errorOf(response)).code).toBe("not_found");
      }
      expect(await catalogue(siteB)).toEqual(before);
      expect(await get(`/sites/${site}/products`)).toEqual({ products: [productA] });
    });

    test("another site's offer cannot be read, changed or deleted through this site (404)", async () => {
      const before = await catalogue(siteB);
      for (const target of [offerB, downsellB]) {
        const path = `/sites/${site}/offers/${target.id}`;
        for (const [method, json] of [
          ["GET", undefined],
          ["PATCH", { active: false, name: "Stolen" }],
          ["PATCH", { productId: productA.id }],
          ["DELETE", undefined],
        ] as const) {
          const response = await harness.admin(path, { method, ...(json && { json }) });
          expect(response.status, `${method} ${JSON.stringify(json)}`).toBe(404);
          expect((await errorOf(response)).code).toBe("not_found");
        }
      }
      expect(await catalogue(siteB)).toEqual(before);
      expect(await get(`/sites/${site}/offers`)).toEqual({ offers: [offerA] });
    });

    test.each([
      ["productId", () => ({ productId: productB.id })],
      ["trigger.products", () => ({ trigger: { products: [productA.id, productB.id] } })],
      ["downsellId", () => ({ downsellId: offerB.id })],
      ["nextId", () => ({ nextId: downsellB.id })],
    ])(
      "an offer of this site cannot point at another site's %s (400), by create or by patch",
      async (field, change) => {
        const beforeB = await catalogue(siteB);
        const created = await harness.admin(`/sites/${site}/offers`, {
          method: "POST",
          json: {
            name: "Sneaky",
            productId: productA.id,
            discount: { type: "percent", value: 10 },
            ...change(),
          },
        });
        expect(created.status).toBe(400);
        const createError = await errorOf(created);
        expect(createError.code).toBe("invalid_request");
        expect(createError.message).toContain(field);

        const patched = await harness.admin(`/sites/${site}/offers/${offerA.id}`, {
          method: "PATCH",
          json: change(),
        });
        expect(patched.status).toBe(400);
        const patchError = await errorOf(patched);
        expect(patchError.code).toBe("invalid_request");
        expect(patchError.message).toContain(field);

        expect(await get(`/sites/${site}/offers`)).toEqual({ offers: [offerA] });
        expect(await catalogue(siteB)).toEqual(beforeB);
      },
    );

    test("an offer whose downsell is itself is refused (400)", async () => {
      const response = await harness.admin(`/sites/${site}/offers/${offerA.id}`, {
        method: "PATCH",
        json: { downsellId: offerA.id },
      });
      expect(response.status).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe("invalid_request");
      expect(error.message).toContain("downsellId");
      expect(await get(`/sites/${site}/offers/${offerA.id}`)).toEqual({ offer: offerA });
    });

    test("after every attempt through the other site, that site's data is unchanged", async () => {
      const before = await catalogue(siteB);
      const attempts: [string, string, unknown?][] = [
        ["GET", `/sites/${site}/products/${productB.id}`],
        ["PATCH", `/sites/${site}/products/${productB.id}`, { sku: "HIJACK" }],
        ["DELETE", `/sites/${site}/products/${productB.id}`],
        ["GET", `/sites/${site}/offers/${offerB.id}`],
        ["PATCH", `/sites/${site}/offers/${offerB.id}`, { priority: -1000 }],
        ["DELETE", `/sites/${site}/offers/${offerB.id}`],
        ["DELETE", `/sites/${site}/offers/${downsellB.id}`],
        [
          "POST",
          `/sites/${site}/offers`,
          { name: "x", productId: productB.id, discount: { type: "percent", value: 1 } },
        ],
        [
          "POST",
          `/sites/${site}/offers`,
          { name: "x", productId: productA.id, discount: { type: "percent", value: 1 }, nextId: offerB.id },
        ],
        ["PATCH", `/sites/${site}/offers/${offerA.id}`, { downsellId: downsellB.id }],
        ["PATCH", `/sites/${site}/offers/${offerA.id}`, { trigger: { products: [productB.id] } }],
      ];
      for (const [method, path, json] of attempts) {
        const response = await harness.admin(path, { method, ...(json !== undefined && { json }) });
        expect([400, 404], `${method} ${path}`).toContain(response.status);
      }
      expect(await catalogue(siteB)).toEqual(before);
      expect(await harness.store.products.get(siteB, productB.id)).toEqual(productB);
      expect(await harness.store.offers.get(siteB, offerB.id)).toEqual(offerB);
      expect(await harness.store.offers.get(siteB, downsellB.id)).toEqual(downsellB);
      expect(await get(`/sites/${site}/offers`)).toEqual({ offers: [offerA] });
    });
  });

  test("deleting a site with products and offers removes its whole catalogue", async () => {
    const tank = await createProduct(site, TANK);
    const offer = await createOffer(site, {
      name: "Tank deal",
      productId: tank.id,
      discount: { type: "percent", value: 10 },
    });
    const response = await harness.admin(`/sites/${site}`, { method: "DELETE" });
    expect(response.status).toBe(204);
    expect((await harness.admin(`/sites/${site}/products`)).status).toBe(404);
    expect((await harness.admin(`/sites/${site}/offers/${offer.id}`)).status).toBe(404);
    expect(await harness.store.products.list(site)).toEqual([]);
    expect(await harness.store.offers.list(site)).toEqual([]);
  });

  describe("an unknown site in the path", () => {
    const ghost = "site_doesnotexist0";
    test.each([
      ["GET", `/sites/${ghost}/products`, undefined],
      ["POST", `/sites/${ghost}/products`, FILTER],
      ["GET", `/sites/${ghost}/products/prod_doesnotexist0`, undefined],
      ["PATCH", `/sites/${ghost}/products/prod_doesnotexist0`, { price: 1 }],
      ["DELETE", `/sites/${ghost}/products/prod_doesnotexist0`, undefined],
      ["GET", `/sites/${ghost}/offers`, undefined],
      ["GET", `/sites/${ghost}/offers/offer_doesnotexist0`, undefined],
      ["PATCH", `/sites/${ghost}/offers/offer_doesnotexist0`, { active: false }],
      ["DELETE", `/sites/${ghost}/offers/offer_doesnotexist0`, undefined],
    ])("%s %s answers 404 not_found", async (method, path, json) => {
      const response = await harness.admin(path, { method, ...(json !== undefined && { json }) });
      expect(response.status).toBe(404);
      expect((await errorOf(response)).code).toBe("not_found");
      expect(await harness.store.products.list(ghost)).toEqual([]);
    });

    test("POST an offer under an unknown site answers 404, even naming a real product of another site", async () => {
      const tank = await createProduct(site, TANK);
      const response = await harness.admin(`/sites/${ghost}/offers`, {
        method: "POST",
        json: { name: "Ghost deal", productId: tank.id, discount: { type: "percent", value: 10 } },
      });
      expect(response.status).toBe(404);
      expect((await errorOf(response)).code).toBe("not_found");
      expect(await harness.store.offers.list(ghost)).toEqual([]);
      expect(await get(`/sites/${site}/offers`)).toEqual({ offers: [] });
    });
  });
});
