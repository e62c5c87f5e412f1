import { randomBytes } from "node:crypto";
import { DatabaseSync } from "node:sqlite";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { OfferInput, ProductInput, SiteInput } from "../../../server/contract/index.ts";
import { type NewOrder, NO_PAYMENT } from "../../../server/domain.ts";
import { AppError } from "../../../server/errors.ts";
import { secretBox } from "../../../server/secret-box.ts";
import { openStore } from "../../../server/store/open.ts";
import type { Store } from "../../../server/store/store.ts";
import { ENGINES, freshDatabase, freshStore } from "../../support/engines.ts";
import { testBox } from "../../support/secrets.ts";

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
    ...NO_PAYMENT,
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
      "stripe-api-key": false,
      "woocommerce-api": false,
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
    expect(await store.products.remove(b.id, fish.id, NOW)).toBe(false);
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

  test("offers keep their trigger, discount and funnel; removing one a step leads to asks to detach it", async () => {
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
    expect(await store.offers.remove(a.id, downsell.id, NOW, { detach: false })).toEqual({
      removed: false,
      usedBy: [{ offerId: upsell.id, name: "Tank", step: "downsellId" }],
    });
    expect((await store.offers.get(a.id, upsell.id))?.downsellId).toBe(downsell.id);
    expect(await store.offers.remove(a.id, downsell.id, NOW, { detach: true })).toEqual({ removed: true });
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
    const first = await openStore(url, testBox());
    const created = await first.sites.create(site(), {}, NOW);
    await first.close();
    const second = await openStore(url, testBox());
    expect(await second.sites.get(created.id)).toMatchObject({ name: "Fish shop" });
    await second.close();
    await database.drop();
  });
});

describe.each(ENGINES)("secrets at rest on %s", (engine) => {
  const KEY = randomBytes(32);
  const OLD = randomBytes(32);

  /** The value as the database holds it, read past the store. */
  async function rawSecret(url: string, siteId: string, kind: string): Promise<string> {
    if (url.startsWith("sqlite:")) {
      const db = new DatabaseSync(url.slice("sqlite:".length));
      try {
        return String(
          (
            db.prepare("select value from site_secrets where site_id = ? and kind = ?").get(siteId, kind) as {
              value: string;
            }
          ).value,
        );
      } finally {
        db.close();
      }
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (
        await client.query("select value from site_secrets where site_id = $1 and kind = $2", [siteId, kind])
      ).rows[0].value;
    } finally {
      await client.end();
    }
  }

  test("secrets the server must use are sealed in the database; owner tokens are kept as their hash; the store opens them", async () => {
    const database = await freshDatabase(engine, { file: true });
    const store = await openStore(database.url, secretBox(KEY));
    try {
      const made = await store.sites.create(
        site(),
        { woocommerce: "wc-plain-secret", owner: "f".repeat(64) },
        NOW,
      );
      await store.sites.setSecret(made.id, "stripe", "whsec_abcdefgh12345678", NOW);
      for (const kind of ["woocommerce", "stripe"]) {
        const raw = await rawSecret(database.url, made.id, kind);
        expect(raw).toMatch(/^v1\./);
        expect(raw).not.toContain("plain");
        expect(raw).not.toContain("abcdefgh");
      }
      expect(await rawSecret(database.url, made.id, "owner")).toBe("f".repeat(64));
      expect(await store.sites.secret(made.id, "woocommerce")).toBe("wc-plain-secret");
      expect(await store.sites.secret(made.id, "stripe")).toBe("whsec_abcdefgh12345678");
      expect(await store.sites.bySecret("owner", "f".repeat(64))).toBe(made.id);
    } finally {
      await store.close();
      await database.drop();
    }
  });

  test("a key rotation: started with the new key and the old one as previous, every secret is resealed with the new key", async () => {
    const database = await freshDatabase(engine, { file: true });
    const before = await openStore(database.url, secretBox(OLD));
    const made = await before.sites.create(site(), { woocommerce: "wc-secret", orders: "whsec_orders" }, NOW);
    await before.close();
    const rotated = await openStore(database.url, secretBox(KEY, [OLD]));
    await rotated.close();
    // Now the old key is gone for good: the new one alone opens everything.
    const after = await openStore(database.url, secretBox(KEY));
    try {
      expect(await after.sites.secret(made.id, "woocommerce")).toBe("wc-secret");
      expect(await after.sites.secret(made.id, "orders")).toBe("whsec_orders");
    } finally {
      await after.close();
      await database.drop();
    }
  });

  test("started with a key that cannot open the stored secrets, the store refuses to open and says why", async () => {
    const database = await freshDatabase(engine, { file: true });
    const first = await openStore(database.url, secretBox(OLD));
    await first.sites.create(site(), { woocommerce: "wc-secret" }, NOW);
    await first.close();
    await expect(openStore(database.url, secretBox(KEY))).rejects.toThrow(/SECRET_KEY_PREVIOUS/);
    await database.drop();
  });
});

describe.each(ENGINES)("store conflicts on %s", (engine) => {
  test("a write that breaks a foreign key (its product deleted meanwhile) is a 409 conflict, not a crash", async () => {
    const store = await freshStore(engine);
    try {
      const made = await store.sites.create(site(), {}, NOW);
      const error = await store.offers
        .create(
          made.id,
          OfferInput.parse({
            name: "Ghost",
            productId: "prod_deletedmeanwhile",
            discount: { type: "percent", value: 5 },
          }),
          NOW,
        )
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "conflict" });
    } finally {
      await store.dispose();
    }
  });
});
