import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { OfferConfig, OrderLine, Product } from "../../../server/contract/index.ts";
import type { Step } from "../../../server/domain.ts";
import {
  type EngineInput,
  isWithdrawn,
  MAX_OFFERS_PER_ORDER,
  nextOffer,
} from "../../../server/offers/engine.ts";

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const SITE = "site_testtesttest";

function product(id: string, overrides: Partial<Product> = {}): Product {
  return {
    id: `prod_${id}xxxxxxxx`,
    siteId: SITE,
    sku: id,
    name: `Name of ${id}`,
    description: `About ${id}`,
    imageUrl: null,
    price: 10_000,
    currency: "EUR",
    tags: [],
    createdAt: new Date(NOW).toISOString(),
    ...overrides,
  };
}
const pid = (id: string) => `prod_${id}xxxxxxxx`;
const oid = (id: string) => `offer_${id}xxxxxxxx`;

function offer(id: string, productSku: string, overrides: Partial<OfferConfig> = {}): OfferConfig {
  return {
    id: oid(id),
    siteId: SITE,
    name: id,
    productId: pid(productSku),
    title: null,
    description: null,
    trigger: { products: [], tags: [], minTotal: null, currency: null },
    discount: { type: "percent", value: 10 },
    quantityMax: 1,
    priority: 0,
    active: true,
    downsellId: null,
    nextId: null,
    funnelOnly: false,
    createdAt: new Date(NOW).toISOString(),
    ...overrides,
  };
}

const fishLine: OrderLine = { product: "fish", quantity: 1, unitPrice: 1200 };
const catalogue = [
  product("fish", { price: 1200, tags: ["pets"] }),
  product("tank", { price: 8900, tags: ["aquarium"] }),
  product("filter", { price: 2000 }),
  product("food", { price: 500 }),
  product("dollars", { currency: "USD" }),
];

function input(overrides: Partial<EngineInput> = {}): EngineInput {
  return {
    order: { lines: [fishLine], total: 1200, currency: "EUR" },
    catalogue,
    offers: [],
    steps: [],
    expiresAt: NOW + 30 * 60_000,
    now: NOW,
    ...overrides,
  };
}

describe("triggers", () => {
  test.each([
    ["no condition", {}, true],
    ["a product the order holds", { products: [pid("fish")] }, true],
    ["only a product the order does not hold", { products: [pid("food")] }, false],
    ["a tag of a product in the order", { tags: ["pets"] }, true],
    ["a tag no product in the order has", { tags: ["garden"] }, false],
    ["a minimum total the order reaches exactly", { minTotal: 1200 }, true],
    ["a minimum total above the order's", { minTotal: 1201 }, false],
    ["the order's currency", { currency: "EUR" }, true],
    ["another currency", { currency: "USD" }, false],
    ["a product and a tag, both present", { products: [pid("fish")], tags: ["pets"] }, true],
    ["a product present but a tag absent", { products: [pid("fish")], tags: ["garden"] }, false],
  ])("an offer triggered by %s is offered: %s", (_name, trigger, expected) => {
    const offers = [
      offer("tank", "tank", {
        trigger: { products: [], tags: [], minTotal: null, currency: null, ...trigger },
      }),
    ];
    expect(nextOffer(input({ offers }))?.id ?? null).toBe(expected ? oid("tank") : null);
  });

  test("an order line is recognised by its SKU as well as by the platform's product id", () => {
    const offers = [
      offer("tank", "tank", {
        trigger: { products: [pid("fish")], tags: [], minTotal: null, currency: null },
      }),
    ];
    const bySku = { product: "93", sku: "fish", quantity: 1, unitPrice: 1200 };
    expect(nextOffer(input({ offers, order: { lines: [bySku], total: 1200, currency: "EUR" } }))?.id).toBe(
      oid("tank"),
    );
  });
});

describe("choice", () => {
  test("the highest priority wins, then the oldest", () => {
    const offers = [
      offer("low", "food", { priority: 1 }),
      offer("high", "tank", { priority: 5 }),
      offer("high2", "filter", { priority: 5, createdAt: new Date(NOW + 1).toISOString() }),
    ];
    expect(nextOffer(input({ offers }))?.id).toBe(oid("high"));
  });

  test.each([
    ["inactive", offer("tank", "tank", { active: false })],
    ["for a product the order holds", offer("fish", "fish")],
    ["in another currency than the order's", offer("usd", "dollars")],
    ["for a product missing from the catalogue", offer("ghost", "ghost")],
  ])("an offer %s is never offered", (_name, excluded) => {
    expect(nextOffer(input({ offers: [excluded, offer("food", "food", { priority: -5 })] }))?.id).toBe(
      oid("food"),
    );
  });

  test("nothing is offered once the window has closed", () => {
    const offers = [offer("tank", "tank")];
    expect(nextOffer(input({ offers, now: NOW + 30 * 60_000 }))).toBeNull();
    expect(nextOffer(input({ offers, now: NOW + 30 * 60_000 - 1 }))?.id).toBe(oid("tank"));
  });

  test("the offer shows the product's name and description unless the offer has its own", () => {
    const plain = nextOffer(input({ offers: [offer("tank", "tank")] }));
    expect(plain).toMatchObject({
      title: "Name of tank",
      description: "About tank",
      product: pid("tank"),
      step: 1,
    });
    const own = nextOffer(
      input({ offers: [offer("tank", "tank", { title: "Give it a home", description: "Now 10% off" })] }),
    );
    expect(own).toMatchObject({ title: "Give it a home", description: "Now 10% off" });
  });

  test("an offer answers its price, the regular price, currency, limit and expiry", () => {
    const chosen = nextOffer(
      input({
        offers: [offer("tank", "tank", { discount: { type: "percent", value: 25 }, quantityMax: 3 })],
      }),
    );
    expect(chosen).toMatchObject({
      regularPrice: 8900,
      price: 6675,
      currency: "EUR",
      discount: { type: "percent", value: 25 },
      quantityMax: 3,
      expiresAt: new Date(NOW + 30 * 60_000).toISOString(),
    });
  });
});

describe("funnel", () => {
  const offers = [
    offer("tank", "tank", { priority: 10, nextId: oid("food"), downsellId: oid("filter") }),
    offer("filter", "filter", { priority: -1, nextId: oid("food") }),
    offer("food", "food", { priority: -2 }),
  ];
  const after = (steps: Step[]) => nextOffer(input({ offers, steps }));

  test.each<[string, Step[], string | null, number | null]>([
    ["first the entry offer", [], "tank", 1],
    ["an undecided offer stays the offer", [{ offerId: oid("tank"), shown: null, outcome: null }], "tank", 1],
    [
      "accepting moves to the next upsell",
      [{ offerId: oid("tank"), shown: null, outcome: "accepted" }],
      "food",
      2,
    ],
    [
      "declining moves to the downsell",
      [{ offerId: oid("tank"), shown: null, outcome: "declined" }],
      "filter",
      2,
    ],
    [
      "accepting the downsell moves to its next upsell",
      [
        { offerId: oid("tank"), shown: null, outcome: "declined" },
        { offerId: oid("filter"), shown: null, outcome: "accepted" },
      ],
      "food",
      3,
    ],
    [
      "a payment that failed moves to the downsell, as a decline does",
      [{ offerId: oid("tank"), shown: null, outcome: "failed" }],
      "filter",
      2,
    ],
    [
      "while an accept's payment is in flight nothing is shown",
      [{ offerId: oid("tank"), shown: null, outcome: "pending" }],
      null,
      null,
    ],
    [
      "declining an offer without a downsell ends the funnel",
      [{ offerId: oid("food"), shown: null, outcome: "declined" }],
      null,
      null,
    ],
    [
      "an offer already shown is never shown again",
      [
        { offerId: oid("food"), shown: null, outcome: "accepted" },
        { offerId: oid("tank"), shown: null, outcome: "accepted" },
      ],
      null,
      null,
    ],
  ])("%s", (_name, steps, expected, step) => {
    const chosen = after(steps);
    expect(chosen?.id ?? null).toBe(expected ? oid(expected) : null);
    expect(chosen?.step ?? null).toBe(step);
  });

  test(`no more than ${MAX_OFFERS_PER_ORDER} offers are shown per order, however long the funnel`, () => {
    const chain = ["a", "b", "c", "d"].map((id, i, all) =>
      offer(id, ["tank", "filter", "food", "tank"][i] as string, {
        nextId: all[i + 1] ? oid(all[i + 1] as string) : null,
      }),
    );
    const steps: Step[] = ["a", "b", "c"].map((id) => ({
      offerId: oid(id),
      shown: null,
      outcome: "accepted",
    }));
    expect(nextOffer(input({ offers: chain, steps }))).toBeNull();
    expect(nextOffer(input({ offers: chain, steps: steps.slice(0, 2) }))?.id).toBe(oid("c"));
  });

  test("a next step that became inactive ends the funnel", () => {
    const inactive = offers.map((o) => (o.id === oid("food") ? { ...o, active: false } : o));
    expect(
      nextOffer(
        input({ offers: inactive, steps: [{ offerId: oid("tank"), shown: null, outcome: "accepted" }] }),
      ),
    ).toBeNull();
  });
});

describe("funnels without traps", () => {
  const declined = (id: string): Step => ({ offerId: oid(id), shown: null, outcome: "declined" });
  const accepted = (id: string): Step => ({ offerId: oid(id), shown: null, outcome: "accepted" });

  test("an offer only for funnels is never shown first, even matching with the highest priority", () => {
    const offers = [
      offer("tank", "tank", { priority: 1, downsellId: oid("filter") }),
      offer("filter", "filter", { priority: 100, funnelOnly: true }),
    ];
    expect(nextOffer(input({ offers }))?.id).toBe(oid("tank"));
    expect(nextOffer(input({ offers: [offers[1] as OfferConfig] }))).toBeNull();
  });

  test("an offer only for funnels is shown as a downsell, and as a next step", () => {
    const offers = [
      offer("tank", "tank", { downsellId: oid("filter"), nextId: oid("food") }),
      offer("filter", "filter", { funnelOnly: true }),
      offer("food", "food", { funnelOnly: true }),
    ];
    expect(nextOffer(input({ offers, steps: [declined("tank")] }))).toMatchObject({
      id: oid("filter"),
      step: 2,
    });
    expect(nextOffer(input({ offers, steps: [accepted("tank")] }))).toMatchObject({
      id: oid("food"),
      step: 2,
    });
  });

  test("an open funnel-only step stays the offer until decided", () => {
    const offers = [
      offer("tank", "tank", { downsellId: oid("filter") }),
      offer("filter", "filter", { funnelOnly: true }),
    ];
    const open: Step = { offerId: oid("filter"), shown: null, outcome: null };
    expect(nextOffer(input({ offers, steps: [declined("tank"), open] }))?.id).toBe(oid("filter"));
  });

  test("a funnel that loops back never shows an offer twice", () => {
    const offers = [
      offer("tank", "tank", { downsellId: oid("filter") }),
      offer("filter", "filter", { downsellId: oid("tank") }),
    ];
    expect(nextOffer(input({ offers, steps: [declined("tank")] }))?.id).toBe(oid("filter"));
    expect(nextOffer(input({ offers, steps: [declined("tank"), declined("filter")] }))).toBeNull();
  });

  test("an offer whose discount leaves nothing to pay is never chosen first: the next one is", () => {
    const cheap = catalogue.map((p) => (p.id === pid("tank") ? { ...p, price: 500 } : p));
    const offers = [
      offer("tank", "tank", { priority: 10, discount: { type: "fixed", value: 500 } }),
      offer("food", "food", { priority: 1 }),
    ];
    expect(nextOffer(input({ offers, catalogue: cheap }))?.id).toBe(oid("food"));
  });

  test("a step whose discount now leaves nothing to pay ends the funnel rather than give it away", () => {
    const cheap = catalogue.map((p) => (p.id === pid("filter") ? { ...p, price: 300 } : p));
    const offers = [
      offer("tank", "tank", { downsellId: oid("filter") }),
      offer("filter", "filter", { discount: { type: "fixed", value: 300 } }),
    ];
    expect(nextOffer(input({ offers, catalogue: cheap, steps: [declined("tank")] }))).toBeNull();
    expect(nextOffer(input({ offers, steps: [declined("tank")] }))?.price).toBe(1700);
  });
});

describe("what was shown stands", () => {
  const offers = [
    offer("tank", "tank", { priority: 10, downsellId: oid("filter") }),
    offer("filter", "filter"),
  ];
  const shownTank = nextOffer(input({ offers })) as NonNullable<ReturnType<typeof nextOffer>>;

  test("an open offer is answered exactly as it was shown, though its price and product changed since", () => {
    const changed = offers.map((o) =>
      o.id === oid("tank")
        ? { ...o, productId: pid("filter"), discount: { type: "percent" as const, value: 90 } }
        : o,
    );
    const repriced = catalogue.map((p) => (p.id === pid("tank") ? { ...p, price: 1 } : p));
    const again = nextOffer(
      input({
        offers: changed,
        catalogue: repriced,
        steps: [{ offerId: oid("tank"), shown: shownTank, outcome: null }],
      }),
    );
    expect(again).toEqual(shownTank);
    expect(again?.price).toBe(8010);
  });

  test("an open offer the seller deactivated is no longer shown", () => {
    const withdrawn = offers.map((o) => (o.id === oid("tank") ? { ...o, active: false } : o));
    expect(
      nextOffer(
        input({ offers: withdrawn, steps: [{ offerId: oid("tank"), shown: shownTank, outcome: null }] }),
      ),
    ).toBeNull();
  });

  test.each<[string, boolean, (o: OfferConfig[], c: Product[]) => [OfferConfig[], Product[]]]>([
    ["nothing changed", false, (o, c) => [o, c]],
    ["its price changed", false, (o, c) => [o, c.map((p) => ({ ...p, price: 1 }))]],
    [
      "the offer now names another product",
      false,
      (o, c) => [o.map((x) => ({ ...x, productId: pid("food") })), c],
    ],
    ["the offer was deactivated", true, (o, c) => [o.map((x) => ({ ...x, active: false })), c]],
    ["the offer was deleted", true, (o, c) => [o.filter((x) => x.id !== oid("tank")), c]],
    ["its product was deleted", true, (o, c) => [o, c.filter((p) => p.id !== pid("tank"))]],
  ])("when %s, the shown offer counts as withdrawn: %s", (_name, expected, change) => {
    const [changedOffers, changedCatalogue] = change(offers, catalogue);
    expect(isWithdrawn(shownTank, { offers: changedOffers, catalogue: changedCatalogue })).toBe(expected);
  });
});

describe("properties", () => {
  const skus = ["a", "b", "c", "d", "e", "f"];
  const arbitraryProduct = fc.record({
    sku: fc.constantFrom(...skus),
    price: fc.integer({ min: 0, max: 1_000_000 }),
    /** Mostly the order's currency (null), sometimes a foreign one that must never be offered. */
    foreignCurrency: fc.oneof(
      { arbitrary: fc.constant(null), weight: 9 },
      { arbitrary: fc.constantFrom("USD", "JPY"), weight: 1 },
    ),
    tags: fc.subarray(["x", "y", "z"]),
  });
  const arbitraryOffer = fc.record({
    sku: fc.constantFrom(...skus),
    discount: fc.oneof(
      fc.record({ type: fc.constant("percent" as const), value: fc.integer({ min: 0, max: 100 }) }),
      fc.record({ type: fc.constant("fixed" as const), value: fc.integer({ min: 0, max: 2_000_000 }) }),
    ),
    priority: fc.integer({ min: -5, max: 5 }),
    active: fc.oneof(
      { arbitrary: fc.constant(true), weight: 9 },
      { arbitrary: fc.constant(false), weight: 1 },
    ),
    // Dense funnels (fast-check makes a link null one time in `freq`), so long walks and a fourth step are tried.
    next: fc.option(fc.nat(7), { freq: 10 }),
    downsell: fc.option(fc.nat(7), { freq: 10 }),
    triggerSkus: fc.subarray(skus, { maxLength: 3 }),
    minTotal: fc.option(fc.integer({ min: 0, max: 100_000 }), { freq: 2 }),
  });
  const world = fc.record({
    products: fc.uniqueArray(arbitraryProduct, { selector: (p) => p.sku, minLength: 5, maxLength: 6 }),
    offers: fc.array(arbitraryOffer, { minLength: 6, maxLength: 8 }),
    bought: fc.subarray(skus, { minLength: 1, maxLength: 1 }),
    currency: fc.constant("EUR"),
    total: fc.integer({ min: 0, max: 100_000 }),
    decisions: fc.array(fc.boolean(), { maxLength: 6 }),
  });

  test("no catalogue ever yields a negative price, an offer for a product in the order, or a fourth offer", () => {
    fc.assert(
      fc.property(world, (w) => {
        const catalogue = w.products.map((p) =>
          product(p.sku, { price: p.price, currency: p.foreignCurrency ?? w.currency, tags: p.tags }),
        );
        const offers = w.offers.map((o, i) =>
          offer(String(i), o.sku, {
            discount: o.discount,
            priority: o.priority,
            active: o.active,
            nextId: o.next === null ? null : oid(String(o.next)),
            downsellId: o.downsell === null ? null : oid(String(o.downsell)),
            trigger: { products: o.triggerSkus.map(pid), tags: [], minTotal: o.minTotal, currency: null },
          }),
        );
        const order = {
          lines: w.bought.map((sku) => ({ product: sku, quantity: 1, unitPrice: 100 })),
          total: w.total,
          currency: w.currency,
        };
        const steps: Step[] = [];
        // Walk the funnel as a buyer would, deciding each offer in turn, until the engine says it is done.
        // Deliberately more decisions than the cap allows, so that a fourth offer would be caught.
        for (const accept of [...w.decisions, true, true, true, true]) {
          const shown = nextOffer(input({ order, catalogue, offers, steps }));
          if (!shown) break;
          expect(shown.price).toBeGreaterThanOrEqual(0);
          expect(shown.price).toBeLessThanOrEqual(shown.regularPrice);
          expect(Number.isInteger(shown.price)).toBe(true);
          expect(shown.currency).toBe(w.currency);
          expect(w.bought).not.toContain(catalogue.find((p) => p.id === shown.product)?.sku);
          expect(steps.map((s) => s.offerId)).not.toContain(shown.id);
          steps.push({ offerId: shown.id, shown, outcome: accept ? "accepted" : "declined" });
          expect(steps.length).toBeLessThanOrEqual(MAX_OFFERS_PER_ORDER);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
