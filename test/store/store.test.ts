import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { OfferInput, ProductInput, SiteInput } from "../../server/contract/index.ts";
import type { NewOrder } from "../../server/domain.ts";
import { openStore } from "../../server/store/open.ts";
import type { Store } from "../../server/store/store.ts";
import { ENGINES, freshDatabase, freshStore } from "../support/engines.ts";

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

const site = (name = "Fish shop") => SiteInput.parse({ name, allowedOrigins: ["https://fish.example"] });
const product = (sku: string, price = 1000) =>
  ProductInput.parse({ sku, name: `Product ${sku}`, price, currency: "EUR" });

function order(siteId: string, overrides: Partial<NewOrder> = {}): NewOrder {
  return {
    siteId,
    source: "woocommerce",
    externalId: "727",
    keyHash: "a".repeat(64),
    lines: [{ product: "93", quantity: 2, unitPrice: 300 }],
    total: 2935,
    currency: "USD",
    emailHash: null,
    status: "paid",
    paidAt: NOW - 60_000,
    sourceUpdatedAt: NOW - 60_000,
    ...overrides,
  };
}

describe.each(ENGINES)("store on %s", (engine) => {
  let store: Store & { dispose(): Promise<void> };
  beforeEach(async () => {
    store = await freshStore(engine);
  });
  afterEach(async () => {
    await store.dispose();
  });

  test("a site is created with its settings and reports which secrets it has, never their values", async () => {
    const created = await store.sites.create(site(), { woocommerce: "wc-secret-value" }, NOW);
    expect(created).toMatchObject({
      name: "Fish shop",
      allowedOrigins: ["https://fish.example"],
      offerWindowMinutes: 30,
      webhookUrl: null,
      createdAt: new Date(NOW).toISOString(),
    });
    expect(created.secrets).toEqual({
      woocommerce: true,
      stripe: false,
      orders: false,
      token: false,
      outbound: false,
      owner: false,
    });
    expect(JSON.stringify(created)).not.toContain("wc-secret-value");
    expect(await store.sites.secret(created.id, "woocommerce")).toBe("wc-secret-value");
    expect(await store.sites.secret(created.id, "stripe")).toBeNull();
  });

  test("a site's settings change only in the fields patched", async () => {
    const created = await store.sites.create(site(), {}, NOW);
    const updated = await store.sites.update(created.id, { offerWindowMinutes: 45 }, NOW + 1);
    expect(updated).toMatchObject({
      name: "Fish shop",
      offerWindowMinutes: 45,
      allowedOrigins: ["https://fish.example"],
    });
    expect(await store.sites.update("site_doesnotexist", { name: "x" }, NOW)).toBeNull();
    expect((await store.sites.list()).map((s) => s.id)).toEqual([created.id]);
  });

  test("setting a secret replaces the previous one, and only for an existing site", async () => {
    const created = await store.sites.create(site(), {}, NOW);
    expect(await store.sites.setSecret(created.id, "stripe", "whsec_one", NOW)).toBe(true);
    expect(await store.sites.setSecret(created.id, "stripe", "whsec_two", NOW)).toBe(true);
    expect(await store.sites.secret(created.id, "stripe")).toBe("whsec_two");
    expect(await store.sites.setSecret("site_doesnotexist", "stripe", "whsec_x", NOW)).toBe(false);
  });

  test("products are found only through their own site", async () => {
    const a = await store.sites.create(site("A"), {}, NOW);
    const b = await store.sites.create(site("B"), {}, NOW);
    const fish = await store.products.create(a.id, product("fish"), NOW);
    expect(fish).toMatchObject({
      siteId: a.id,
      sku: "fish",
      price: 1000,
      currency: "EUR",
      tags: [],
      imageUrl: null,
    });
    expect(await store.products.get(a.id, fish.id)).toEqual(fish);
    expect(await store.products.get(b.id, fish.id)).toBeNull();
    expect(await store.products.update(b.id, fish.id, { price: 1 }, NOW)).toBeNull();
    expect(await store.products.remove(b.id, fish.id)).toBe(false);
    expect(await store.products.list(b.id)).toEqual([]);
    expect((await store.products.get(a.id, fish.id))?.price).toBe(1000);
  });

  test("two products of one site cannot share a SKU; two sites can", async () => {
    const a = await store.sites.create(site("A"), {}, NOW);
    const b = await store.sites.create(site("B"), {}, NOW);
    await store.products.create(a.id, product("fish"), NOW);
    await expect(store.products.create(a.id, product("fish"), NOW)).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(store.products.create(b.id, product("fish"), NOW)).resolves.toMatchObject({ sku: "fish" });
    const tank = await store.products.create(a.id, product("tank"), NOW);
    await expect(store.products.update(a.id, tank.id, { sku: "fish" }, NOW)).rejects.toMatchObject({
      code: "conflict",
    });
  });

  test("a product still offered cannot be removed", async () => {
    const a = await store.sites.create(site(), {}, NOW);
    const tank = await store.products.create(a.id, product("tank"), NOW);
    await store.offers.create(
      a.id,
      OfferInput.parse({ name: "Tank", productId: tank.id, discount: { type: "percent", value: 10 } }),
      NOW,
    );
    await expect(store.products.remove(a.id, tank.id)).rejects.toMatchObject({ code: "conflict" });
  });

  test("offers keep their trigger, discount and funnel; removing one unlinks it from the funnel", async () => {
    const a = await store.sites.create(site(), {}, NOW);
    const tank = await store.products.create(a.id, product("tank", 5000), NOW);
    const filter = await store.products.create(a.id, product("filter", 2000), NOW);
    const downsell = await store.offers.create(
      a.id,
      OfferInput.parse({ name: "Filter", productId: filter.id, discount: { type: "fixed", value: 500 } }),
      NOW,
    );
    const upsell = await store.offers.create(
      a.id,
      OfferInput.parse({
        name: "Tank",
        productId: tank.id,
        discount: { type: "percent", value: 20 },
        trigger: { tags: ["fish"], minTotal: 1000, currency: "EUR" },
        priority: 5,
        quantityMax: 3,
        downsellId: downsell.id,
      }),
      NOW,
    );
    expect(upsell).toMatchObject({
      trigger: { products: [], tags: ["fish"], minTotal: 1000, currency: "EUR" },
      discount: { type: "percent", value: 20 },
      priority: 5,
      quantityMax: 3,
      active: true,
      downsellId: downsell.id,
      nextId: null,
    });
    expect((await store.offers.list(a.id)).map((o) => o.id)).toEqual([upsell.id, downsell.id]);
    expect(await store.offers.update(a.id, upsell.id, { active: false }, NOW)).toMatchObject({
      active: false,
      priority: 5,
    });
    expect(await store.offers.remove(a.id, downsell.id)).toBe(true);
    expect((await store.offers.get(a.id, upsell.id))?.downsellId).toBeNull();
  });

  test("removing a site removes everything that was its", async () => {
    const a = await store.sites.create(site(), { orders: "secret" }, NOW);
    const tank = await store.products.create(a.id, product("tank"), NOW);
    await store.offers.create(
      a.id,
      OfferInput.parse({ name: "Tank", productId: tank.id, discount: { type: "percent", value: 5 } }),
      NOW,
    );
    await store.orders.ingest({ siteId: a.id, source: "woocommerce", deliveryId: "d1" }, order(a.id), NOW);
    expect(await store.sites.remove(a.id)).toBe(true);
    expect(await store.sites.get(a.id)).toBeNull();
    expect(await store.products.list(a.id)).toEqual([]);
    expect(await store.orders.find(a.id, "woocommerce", "727")).toBeNull();
    expect(await store.sites.remove(a.id)).toBe(false);
  });

  test("an order delivered twice is stored once, and the second delivery is reported as a duplicate", async () => {
    const a = await store.sites.create(site(), {}, NOW);
    const delivery = { siteId: a.id, source: "woocommerce" as const, deliveryId: "delivery-1" };
    expect(await store.orders.ingest(delivery, order(a.id), NOW)).toBe("stored");
    expect(await store.orders.ingest(delivery, order(a.id, { total: 1 }), NOW)).toBe("duplicate");
    const stored = await store.orders.find(a.id, "woocommerce", "727");
    expect(stored).toMatchObject({
      total: 2935,
      currency: "USD",
      status: "paid",
      lines: [{ product: "93", quantity: 2, unitPrice: 300 }],
    });
  });

  test("a newer delivery updates the order; an older one arriving late does not undo it", async () => {
    const a = await store.sites.create(site(), {}, NOW);
    const deliver = (id: string, o: NewOrder) =>
      store.orders.ingest({ siteId: a.id, source: "woocommerce", deliveryId: id }, o, NOW);
    await deliver("d1", order(a.id, { sourceUpdatedAt: NOW - 60_000 }));
    expect(await deliver("d2", order(a.id, { status: "refunded", sourceUpdatedAt: NOW - 10_000 }))).toBe(
      "stored",
    );
    expect(await deliver("d3", order(a.id, { status: "paid", sourceUpdatedAt: NOW - 30_000 }))).toBe("stale");
    expect((await store.orders.find(a.id, "woocommerce", "727"))?.status).toBe("refunded");
  });

  test("orders are found by their key only within their site and source", async () => {
    const a = await store.sites.create(site("A"), {}, NOW);
    const b = await store.sites.create(site("B"), {}, NOW);
    await store.orders.ingest(
      { siteId: a.id, source: "orders", deliveryId: "m1" },
      order(a.id, { source: "orders", keyHash: "f".repeat(64) }),
      NOW,
    );
    expect(await store.orders.findByKey(a.id, "orders", "f".repeat(64))).toMatchObject({ externalId: "727" });
    expect(await store.orders.findByKey(b.id, "orders", "f".repeat(64))).toBeNull();
    expect(await store.orders.findByKey(a.id, "woocommerce", "f".repeat(64))).toBeNull();
  });

  test("registering an order twice keeps the first", async () => {
    const a = await store.sites.create(site(), {}, NOW);
    const first = await store.orders.register(
      order(a.id, { source: "token", externalId: "T-1", total: 100 }),
      NOW,
    );
    const second = await store.orders.register(
      order(a.id, { source: "token", externalId: "T-1", total: 999 }),
      NOW + 5,
    );
    expect(second).toEqual(first);
    expect(second.total).toBe(100);
  });

  test("answers a ping while open", async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });
});

describe.each(ENGINES)("migrations on %s", (engine) => {
  test("opening an existing database again keeps its data and migrates nothing twice", async () => {
    const database = await freshDatabase(engine);
    const url =
      engine === "sqlite"
        ? `sqlite:${process.env.TMPDIR ?? "/tmp"}/aq-migrate-${process.pid}-${Date.now()}.db`
        : database.url;
    const first = await openStore(url);
    const created = await first.sites.create(site(), {}, NOW);
    await first.close();
    const second = await openStore(url);
    expect(await second.sites.get(created.id)).toMatchObject({ name: "Fish shop" });
    await second.close();
    await database.drop();
  });
});
