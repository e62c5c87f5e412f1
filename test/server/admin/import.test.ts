import { afterEach, describe, expect, test } from "vitest";
import { plainText } from "../../../server/admin/import.ts";
import { ImportAnswer, type Product } from "../../../server/contract/index.ts";
import { ENGINES } from "../../support/engines.ts";
import { envelopeOf } from "../../support/envelope.ts";
import { type WooShop, wooShop } from "../../support/woo-shop.ts";

/**
 * `POST /admin/api/sites/:site/products/import`: the shop's products (the FAKE WooCommerce's, made from
 * WooCommerce's documented product example) into the site's catalogue, matched by SKU.
 */
describe.each(ENGINES)("importing products from WooCommerce (fake WooCommerce) on %s", (engine) => {
  let world: WooShop;
  afterEach(() => world.close());

  const importing = () =>
    world.harness.admin(`/sites/${world.shop.siteId}/products/import`, { method: "POST" });
  const catalogue = async (): Promise<Product[]> =>
    (await (await world.harness.admin(`/sites/${world.shop.siteId}/products`)).json()).products;

  test("creates the shop's new products and updates known SKUs (name, price, currency, image, categories as tags), skipping what cannot be offered, each with its reason (fake WooCommerce)", async () => {
    world = await wooShop(engine);
    Object.assign(world.products.tank, { name: "The big tank", price: "95.00" });
    // WooCommerce's own example product, as published: no SKU.
    world.fake.addProduct({ name: "Premium Quality", sku: "", price: "21.99" });
    world.fake.addProduct({ name: "Heater &amp; thermostat", sku: "heater", price: "24.99" });
    world.fake.addProduct({ name: "Fish T-shirt", sku: "shirt", price: "", type: "variable" });
    world.fake.addProduct({ name: "Gift card", sku: "gift", price: "" });
    await world.harness.store.products.update(
      world.shop.siteId,
      world.shop.products.tank,
      { description: "Written for buyers, here." },
      world.harness.now,
    );

    const answered = await importing();
    expect(answered.status).toBe(200);
    const answer = ImportAnswer.parse(await answered.json());
    expect(answer.currency).toBe("USD");
    expect(answer.created).toEqual([{ sku: "heater", name: "Heater & thermostat" }]);
    expect(answer.updated.map((product) => product.sku)).toEqual(["93", "tank", "water-care", "food"]);
    expect(answer.skipped).toEqual([
      { sku: null, name: "Premium Quality", reason: expect.stringContaining("no SKU") },
      { sku: "shirt", name: "Fish T-shirt", reason: expect.stringContaining("a variable product") },
      { sku: "gift", name: "Gift card", reason: "it has no price" },
    ]);

    const bySku = Object.fromEntries((await catalogue()).map((product) => [product.sku, product]));
    expect(bySku.heater).toMatchObject({
      name: "Heater & thermostat",
      price: 2499,
      currency: "USD",
      // From the template (WooCommerce's example product): its first image and its categories.
      imageUrl: "https://example.com/wp-content/uploads/2017/03/T_2_front-4.jpg",
      tags: ["clothing", "t-shirts"],
    });
    expect(bySku.tank).toMatchObject({
      name: "The big tank",
      price: 9500,
      description: "Written for buyers, here.",
    });
    expect(Object.keys(bySku)).toHaveLength(5);
  });

  test("reads every page of a large catalogue (fake WooCommerce)", async () => {
    world = await wooShop(engine);
    for (let i = 0; i < 150; i++)
      world.fake.addProduct({ name: `Plant ${i}`, sku: `plant-${i}`, price: "4.50" });
    const answer = ImportAnswer.parse(await (await importing()).json());
    expect(answer.created).toHaveLength(150);
    const pages = world.fake.calls.filter((call) => call.path === "/products").map((call) => call.query.page);
    expect(pages).toEqual(["1", "2"]);
    expect(await catalogue()).toHaveLength(154);
  });

  test("without a connection, or with the shop down, nothing is imported and the seller is told why (fake WooCommerce)", async () => {
    world = await wooShop(engine);
    await world.fake.down();
    const down = await importing();
    expect(down.status).toBe(503);
    expect((await envelopeOf(down)).message).toContain("could not be reached");
    await world.fake.up();
    await world.harness.store.sites.setSecret(world.shop.siteId, "woocommerce-api", "", world.harness.now);
    const unset = await importing();
    expect(unset.status).toBe(400);
    expect((await envelopeOf(unset)).message).toContain("no WooCommerce connection");
    expect(await catalogue()).toHaveLength(4);
  });
});

describe("plainText", () => {
  test("WooCommerce's HTML names as a seller reads them", () => {
    expect(plainText("Ship Your Idea &ndash; Color: Black")).toBe("Ship Your Idea – Color: Black");
    expect(plainText("<p>Fish &amp; chips&#8217; &#x2014; <b>fresh</b></p>\n")).toBe("Fish & chips’ — fresh");
    expect(plainText("&unknown; stays")).toBe("&unknown; stays");
  });
});
