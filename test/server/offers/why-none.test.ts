import { describe, expect, test } from "vitest";
import { OfferConfig, type Product } from "../../../server/contract/index.ts";
import type { Step } from "../../../server/domain.ts";
import { type EngineInput, nextOffer } from "../../../server/offers/engine.ts";
import { whyNoOffer } from "../../../server/offers/why-none.ts";

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const SITE = "site_testtesttest";
const at = new Date(NOW).toISOString();

const product = (sku: string, currency = "EUR"): Product => ({
  id: `prod_${sku}xxxxxxxx`,
  siteId: SITE,
  sku,
  name: sku,
  description: "",
  imageUrl: null,
  price: 1000,
  currency,
  tags: [],
  createdAt: at,
});
const offer = (id: string, sku: string, fields: Record<string, unknown> = {}) =>
  OfferConfig.parse({
    id: `offer_${id}xxxxxxxx`,
    siteId: SITE,
    name: id,
    productId: `prod_${sku}xxxxxxxx`,
    discount: { type: "percent", value: 10 },
    createdAt: at,
    ...fields,
  });

const catalogue = [product("fish"), product("tank"), product("yen-tank", "JPY")];
const fishOrder = {
  lines: [{ product: "fish", quantity: 1, unitPrice: 1000 }],
  total: 1000,
  currency: "EUR",
};

function input(overrides: Partial<EngineInput>): EngineInput {
  return {
    order: fishOrder,
    catalogue,
    offers: [],
    steps: [],
    expiresAt: NOW + 60_000,
    now: NOW,
    ...overrides,
  };
}

/** Each reason is asked of an input the engine itself finds no offer for: the two never disagree. */
function reason(overrides: Partial<EngineInput>) {
  const given = input(overrides);
  expect(nextOffer(given)).toBeNull();
  return whyNoOffer(given);
}

describe("why an order gets no offer, for the seller", () => {
  test("the window had closed", () => {
    expect(reason({ offers: [offer("tank", "tank")], now: NOW + 60_000 })).toBe("window_closed");
  });

  test("no offer is active", () => {
    expect(reason({ offers: [offer("tank", "tank", { active: false })] })).toBe("no_active_offer");
  });

  test("no active offer's trigger holds for the order", () => {
    const fishless = offer("tank", "tank", { trigger: { products: [`prod_tankxxxxxxxx`] } });
    const big = offer("big", "tank", { trigger: { minTotal: 5000 } });
    expect(reason({ offers: [fishless, big] })).toBe("no_matching_offer");
  });

  test("the matching offer's product is priced in another currency than the order's", () => {
    expect(reason({ offers: [offer("yen", "yen-tank")] })).toBe("other_currency");
  });

  test("the order already holds the product the matching offer offers", () => {
    expect(reason({ offers: [offer("fish", "fish")] })).toBe("already_bought");
  });

  test("every step was shown and decided, or an accept's payment is in flight", () => {
    const steps = (outcome: Step["outcome"]): Step[] => [
      { offerId: "offer_tankxxxxxxxx", shown: null, outcome },
    ];
    const offers = [offer("tank", "tank")];
    expect(reason({ offers, steps: steps("declined") })).toBe("funnel_done");
    expect(reason({ offers, steps: steps("pending") })).toBe("payment_pending");
  });
});
