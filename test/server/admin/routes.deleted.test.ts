import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { DeletedOffer, DeletedProduct, OfferConfig, Product } from "../../../server/contract/index.ts";
import { sha256Hex } from "../../../server/crypto.ts";
import { type TestApp, testApp } from "../../support/app.ts";
import { ENGINES } from "../../support/engines.ts";
import { envelopeOf } from "../../support/envelope.ts";
import { BROWSER_SECRET, claim, decide, ORDER_KEY, paidOrder, seedShop } from "../../support/shop.ts";

/*
 * Deleting asks nothing of the server but can be undone: a deleted product or offer is set aside, invisible to
 * the lists and to buyers, listed under …/deleted, and restored as it was.
 */
describe.each(ENGINES)("deleting and restoring on %s", (engine) => {
  let harness: TestApp;
  let shop: Awaited<ReturnType<typeof seedShop>>;
  let base: string;

  beforeEach(async () => {
    harness = await testApp(engine);
    shop = await seedShop(harness);
    base = `/sites/${shop.siteId}`;
  });
  afterEach(async () => {
    await harness.dispose();
  });

  const read = async <T>(path: string): Promise<T> => {
    const response = await harness.admin(path);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  const del = (path: string) => harness.admin(path, { method: "DELETE" });
  const restore = (path: string) => harness.admin(`${path}/restore`, { method: "POST" });
  const offerIds = async () =>
    (await read<{ offers: OfferConfig[] }>(`${base}/offers`)).offers.map((o) => o.id);

  /** A product no offer uses: the shop's fish is in the tank offer's trigger. */
  const addNet = async (): Promise<Product> => {
    const response = await harness.admin(`${base}/products`, {
      method: "POST",
      json: { sku: "net", name: "Fish net", price: 350, currency: "USD" },
    });
    expect(response.status).toBe(201);
    return (await response.json()).product;
  };

  test("a deleted product leaves the list, is listed as deleted with when, and comes back as it was", async () => {
    const net = await addNet();
    const before = await read<{ product: Product }>(`${base}/products/${net.id}`);
    const deletedAt = new Date(harness.now).toISOString();
    expect((await del(`${base}/products/${net.id}`)).status).toBe(204);
    expect((await harness.admin(`${base}/products/${net.id}`)).status).toBe(404);
    const { products } = await read<{ products: Product[] }>(`${base}/products`);
    expect(products.map((p) => p.id)).not.toContain(net.id);
    expect(await read<{ products: DeletedProduct[] }>(`${base}/products/deleted`)).toEqual({
      products: [{ ...before.product, deletedAt }],
    });

    harness.now += 60_000;
    const back = await restore(`${base}/products/${net.id}`);
    expect(back.status).toBe(200);
    expect(await back.json()).toEqual(before);
    expect(await read(`${base}/products/deleted`)).toEqual({ products: [] });
    expect((await restore(`${base}/products/${net.id}`)).status).toBe(404);
  });

  test("a product an offer offers is not deleted: 409 naming the offer, before anything changes", async () => {
    const response = await del(`${base}/products/${shop.products.tank}`);
    expect(response.status).toBe(409);
    expect((await envelopeOf(response)).message).toBe(
      'This product is offered by "Tank": change or delete that offer first.',
    );
    expect(await read(`${base}/products/deleted`)).toEqual({ products: [] });
  });

  test("adding a product with a deleted product's SKU brings that product back, with the new values", async () => {
    const net = await addNet();
    await del(`${base}/products/${net.id}`);
    const response = await harness.admin(`${base}/products`, {
      method: "POST",
      json: { sku: "net", name: "Large fish net", price: 450, currency: "USD" },
    });
    expect(response.status).toBe(201);
    const { product } = await response.json();
    expect(product).toMatchObject({ id: net.id, sku: "net", name: "Large fish net", price: 450 });
    expect(await read(`${base}/products/deleted`)).toEqual({ products: [] });
  });

  test("a deleted offer leaves the list and the buyers: claims get the next offer, accepts of it are refused", async () => {
    await paidOrder(harness, shop.siteId);
    const first = await (
      await claim(harness, { site: shop.siteId, order: { source: "woocommerce", id: "727", key: ORDER_KEY } })
    ).json();
    expect(first.offer.id).toBe(shop.offers.tank);

    expect((await del(`${base}/offers/${shop.offers.tank}`)).status).toBe(204);
    expect(await offerIds()).not.toContain(shop.offers.tank);
    const deleted = await read<{ offers: DeletedOffer[] }>(`${base}/offers/deleted`);
    expect(deleted.offers.map((o) => o.id)).toEqual([shop.offers.tank]);
    // The buyer who was shown it can no longer take it: withdrawn, like a deactivated offer.
    const accept = await decide(
      harness,
      first.session.id,
      BROWSER_SECRET,
      { offer: shop.offers.tank, action: "accept" },
      "accept-after-delete",
    );
    expect(accept.status).toBe(409);
    expect((await envelopeOf(accept)).code).toBe("offer_withdrawn");

    // A new order's buyer is offered what is left, never the deleted offer; restored, it is offered again.
    const other = { externalId: "728", keyHash: sha256Hex("wc_order_other") };
    await paidOrder(harness, shop.siteId, other);
    const second = await (
      await claim(
        harness,
        { site: shop.siteId, order: { source: "woocommerce", id: "728", key: "wc_order_other" } },
        {},
      )
    ).json();
    expect(second.offer?.id).not.toBe(shop.offers.tank);

    expect((await restore(`${base}/offers/${shop.offers.tank}`)).status).toBe(200);
    await paidOrder(harness, shop.siteId, { externalId: "729", keyHash: sha256Hex("wc_order_third") });
    const third = await (
      await claim(harness, {
        site: shop.siteId,
        order: { source: "woocommerce", id: "729", key: "wc_order_third" },
        secret: "b".repeat(43),
      })
    ).json();
    expect(third.offer.id).toBe(shop.offers.tank);
  });

  test("deleting an offer others lead to names them, with detach unlinks them, and restoring links them again", async () => {
    const refused = await del(`${base}/offers/${shop.offers.care}`);
    expect(refused.status).toBe(409);
    const body = await refused.json();
    expect(body.error.code).toBe("conflict");
    expect(body.error.message).toContain('"Tank" (when declined)');
    expect(body.usedBy).toEqual([{ offerId: shop.offers.tank, name: "Tank", step: "downsellId" }]);
    expect(await offerIds()).toContain(shop.offers.care);

    expect((await del(`${base}/offers/${shop.offers.care}?detach=true`)).status).toBe(204);
    const tank = () => read<{ offer: OfferConfig }>(`${base}/offers/${shop.offers.tank}`);
    expect((await tank()).offer.downsellId).toBeNull();

    expect((await restore(`${base}/offers/${shop.offers.care}`)).status).toBe(200);
    expect((await tank()).offer.downsellId).toBe(shop.offers.care);
  });

  test("a restored offer does not take back a step the seller has pointed elsewhere meanwhile", async () => {
    await del(`${base}/offers/${shop.offers.care}?detach=true`);
    await harness.admin(`${base}/offers/${shop.offers.tank}`, {
      method: "PATCH",
      json: { downsellId: shop.offers.food },
    });
    await restore(`${base}/offers/${shop.offers.care}`);
    expect((await read<{ offer: OfferConfig }>(`${base}/offers/${shop.offers.tank}`)).offer.downsellId).toBe(
      shop.offers.food,
    );
  });

  test("an offer whose product was deleted after it is restored only once the product is", async () => {
    await del(`${base}/offers/${shop.offers.food}?detach=true`);
    expect((await del(`${base}/products/${shop.products.food}`)).status).toBe(204);
    const refused = await restore(`${base}/offers/${shop.offers.food}`);
    expect(refused.status).toBe(409);
    expect((await envelopeOf(refused)).message).toBe(
      'This offer needs the product "The food", which is deleted: restore that product first.',
    );
    expect(await offerIds()).not.toContain(shop.offers.food);
    await restore(`${base}/products/${shop.products.food}`);
    expect((await restore(`${base}/offers/${shop.offers.food}`)).status).toBe(200);
    expect(await offerIds()).toContain(shop.offers.food);
  });

  test("a deleted offer cannot be changed, nor named as a step, nor deleted again", async () => {
    await del(`${base}/offers/${shop.offers.food}?detach=true`);
    const patch = await harness.admin(`${base}/offers/${shop.offers.food}`, {
      method: "PATCH",
      json: { priority: 1 },
    });
    expect(patch.status).toBe(404);
    const step = await harness.admin(`${base}/offers/${shop.offers.tank}`, {
      method: "PATCH",
      json: { nextId: shop.offers.food },
    });
    expect(step.status).toBe(400);
    expect((await envelopeOf(step)).fields).toEqual({ nextId: "no such id in this site" });
    expect((await del(`${base}/offers/${shop.offers.food}`)).status).toBe(404);
  });

  test("detach must say true or false", async () => {
    const response = await del(`${base}/offers/${shop.offers.care}?detach=yes`);
    expect(response.status).toBe(400);
    expect(Object.keys((await envelopeOf(response)).fields ?? {})).toEqual(["detach"]);
    expect(await offerIds()).toContain(shop.offers.care);
  });

  test("another site's deleted items cannot be listed, restored or seen through this site", async () => {
    await del(`${base}/offers/${shop.offers.food}?detach=true`);
    const other = await harness.admin("/sites", { method: "POST", json: { name: "Other shop" } });
    const otherBase = `/sites/${(await other.json()).site.id}`;
    expect(await read(`${otherBase}/offers/deleted`)).toEqual({ offers: [] });
    expect((await restore(`${otherBase}/offers/${shop.offers.food}`)).status).toBe(404);
    expect(await offerIds()).not.toContain(shop.offers.food);
  });
});
