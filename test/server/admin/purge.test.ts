import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { purgeDeleted } from "../../../server/admin/purge.ts";
import { OfferInput, ProductInput, RESTORE_DAYS, SiteInput } from "../../../server/contract/index.ts";
import type { Store } from "../../../server/store/store.ts";
import { ENGINES, freshStore } from "../../support/engines.ts";

const T0 = Date.UTC(2026, 10, 22, 12, 0, 0);
const DAY = 24 * 60 * 60_000;

describe.each(ENGINES)("purging what was deleted long ago on %s", (engine) => {
  let store: Store & { dispose(): Promise<void> };
  let site: string;
  beforeEach(async () => {
    store = await freshStore(engine);
    site = (await store.sites.create(SiteInput.parse({ name: "Fish shop" }), {}, T0)).id;
  });
  afterEach(async () => {
    await store.dispose();
  });

  const product = (sku: string) =>
    store.products.create(site, ProductInput.parse({ sku, name: sku, price: 1000, currency: "EUR" }), T0);
  const offer = (name: string, productId: string, more: object = {}) =>
    store.offers.create(
      site,
      OfferInput.parse({ name, productId, discount: { type: "percent", value: 10 }, ...more }),
      T0,
    );

  test(`what was deleted stays restorable for ${RESTORE_DAYS} days, then goes for good`, async () => {
    const net = await product("net");
    await store.products.remove(site, net.id, T0);
    expect(await purgeDeleted(store, T0 + RESTORE_DAYS * DAY)).toBe(0);
    expect((await store.products.deleted(site)).map((p) => p.id)).toEqual([net.id]);
    expect(await purgeDeleted(store, T0 + RESTORE_DAYS * DAY + 1)).toBe(1);
    expect(await store.products.deleted(site)).toEqual([]);
    expect(await store.products.restore(site, net.id, T0 + RESTORE_DAYS * DAY + 2)).toBeNull();
  });

  test("live products and offers are never purged, however old", async () => {
    const tank = await product("tank");
    await offer("Tank", tank.id);
    expect(await purgeDeleted(store, T0 + 1000 * DAY)).toBe(0);
    expect(await store.products.list(site)).toHaveLength(1);
    expect(await store.offers.list(site)).toHaveLength(1);
  });

  test("an offer and its product deleted together go in the same pass, the offer first", async () => {
    const tank = await product("tank");
    const deal = await offer("Tank", tank.id);
    await store.offers.remove(site, deal.id, T0, { detach: false });
    await store.products.remove(site, tank.id, T0);
    expect(await purgeDeleted(store, T0 + 31 * DAY)).toBe(2);
    expect(await store.offers.deleted(site)).toEqual([]);
    expect(await store.products.deleted(site)).toEqual([]);
  });

  test("a product a more lately deleted offer still offers waits for that offer to go", async () => {
    const tank = await product("tank");
    const deal = await offer("Tank", tank.id);
    // The product set aside first (the use case would refuse it; the store keeps the rows consistent anyway).
    await store.products.remove(site, tank.id, T0);
    await store.offers.remove(site, deal.id, T0 + 20 * DAY, { detach: false });
    expect(await purgeDeleted(store, T0 + 31 * DAY)).toBe(0);
    expect((await store.products.deleted(site)).map((p) => p.id)).toEqual([tank.id]);
    expect(await purgeDeleted(store, T0 + 51 * DAY)).toBe(2);
  });

  test("a step that led to a purged offer leads nowhere after", async () => {
    const tank = await product("tank");
    const care = await offer("Care", tank.id);
    const deal = await offer("Tank", tank.id, { downsellId: care.id });
    // Tank is deleted first (keeping its step), then Care; Tank is restored after Care went for good.
    await store.offers.remove(site, deal.id, T0, { detach: false });
    await store.offers.remove(site, care.id, T0, { detach: false });
    await store.offers.restore(site, deal.id, T0 + DAY);
    expect((await store.offers.get(site, deal.id))?.downsellId).toBe(care.id);
    expect(await purgeDeleted(store, T0 + 31 * DAY)).toBe(1);
    expect((await store.offers.get(site, deal.id))?.downsellId).toBeNull();
  });
});
