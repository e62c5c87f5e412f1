import { describe, expect, test } from "vitest";
import { funnelFrom, funnelsWith, placeWords, triggerWords } from "../../../demo/admin/funnel.ts";
import { type OfferConfig, OfferInput, type Product } from "../../../server/contract/index.ts";

const product = (id: string, name: string): Product => ({
  id,
  siteId: "site_1",
  sku: id,
  name,
  description: "",
  imageUrl: null,
  price: 1000,
  currency: "EUR",
  tags: [],
  createdAt: "2026-11-22T12:00:00.000Z",
});
const PRODUCTS = [
  product("prod_fish", "Goldfish"),
  product("prod_tankxxxxxxxx", "Tank"),
  product("prod_food", "Food"),
];

function offer(id: string, more: Partial<OfferConfig> = {}): OfferConfig {
  const base = OfferInput.parse({
    name: id,
    productId: "prod_tankxxxxxxxx",
    discount: { type: "percent", value: 10 },
  });
  return { ...base, id, siteId: "site_1", createdAt: "2026-11-22T12:00:00.000Z", ...more };
}

/** A funnel as lines: "1. a", "a accepted → 2. b", "a declined: last-step"… */
function lines(step: ReturnType<typeof funnelFrom>, out: string[] = [`1. ${step.offer.name}`]): string[] {
  for (const on of ["accepted", "declined"] as const) {
    const next = step[on];
    if ("step" in next) {
      out.push(`${step.offer.name} ${on} → ${next.step.number}. ${next.step.offer.name}`);
      lines(next.step, out);
    } else out.push(`${step.offer.name} ${on}: ${next.end}`);
  }
  return out;
}

describe("the admin's words for triggers", () => {
  const trigger = (more: Partial<OfferConfig["trigger"]>) => ({
    products: [],
    tags: [],
    minTotal: null,
    currency: null,
    ...more,
  });
  test.each([
    [{}, "Every order"],
    [{ products: ["prod_fish"] }, "Orders with “Goldfish”"],
    [
      { products: ["prod_fish", "prod_food", "prod_gone"] },
      "Orders with “Goldfish”, “Food” or “a deleted product”",
    ],
    [{ tags: ["pets", "fish"] }, "Orders with a product tagged pets or fish"],
    [{ minTotal: 5000 }, "Orders of at least €50.00"],
    [{ minTotal: 5000, currency: "USD" }, "Orders of at least $50.00, in USD"],
    [{ products: ["prod_fish"], tags: ["pets"] }, "Orders with “Goldfish”, with a product tagged pets"],
  ])("%o reads %s", (more, words) => {
    expect(triggerWords(offer("a", { trigger: trigger(more) }), PRODUCTS)).toBe(words);
  });

  test("an offer only for funnels is never shown first, whatever its trigger", () => {
    expect(triggerWords(offer("a", { funnelOnly: true }), PRODUCTS)).toBe(
      "Never first: only as a step of a funnel",
    );
  });
});

describe("an offer's place in the funnel", () => {
  test("first, first and a step, a step only, or reached by nothing", () => {
    const offers = [
      offer("a", { downsellId: "b", nextId: "c" }),
      offer("b"),
      offer("c", { funnelOnly: true }),
      offer("d", { funnelOnly: true }),
    ];
    const [a, b, c, d] = offers as [OfferConfig, OfferConfig, OfferConfig, OfferConfig];
    expect(placeWords(a, offers)).toBe("First offer");
    expect(placeWords(b, offers)).toBe("First offer; after “a” is declined");
    expect(placeWords(c, offers)).toBe("After “a” is accepted");
    expect(placeWords(d, offers)).toBe("Never shown: no offer leads here yet");
  });
});

describe("the funnel drawn as the engine walks it", () => {
  test("accepts lead to the next step, declines to the downsell, three offers at most", () => {
    const offers = [
      offer("a", { nextId: "b", downsellId: "c" }),
      offer("b", { nextId: "c", funnelOnly: true }),
      offer("c", { nextId: "d", funnelOnly: true }),
      offer("d", { funnelOnly: true }),
    ];
    expect(lines(funnelFrom(offers[0] as OfferConfig, offers))).toEqual([
      "1. a",
      "a accepted → 2. b",
      "b accepted → 3. c",
      "c accepted: last-step",
      "c declined: none",
      "b declined: none",
      "a declined → 2. c",
      "c accepted → 3. d",
      "d accepted: none",
      "d declined: none",
      "c declined: none",
    ]);
  });

  test("a step back to an offer shown before ends the funnel, as does an inactive or vanished one", () => {
    const offers = [
      offer("a", { nextId: "b", downsellId: "gone" }),
      offer("b", { nextId: "a", downsellId: "c" }),
      offer("c", { active: false }),
    ];
    expect(lines(funnelFrom(offers[0] as OfferConfig, offers))).toEqual([
      "1. a",
      "a accepted → 2. b",
      "b accepted: shown-before",
      "b declined: inactive",
      "a declined: missing",
    ]);
  });

  test("an offer is drawn in every funnel that reaches it, and in its own if it may be first", () => {
    const offers = [
      offer("a", { downsellId: "c" }),
      offer("b", { nextId: "c" }),
      offer("c", { funnelOnly: true }),
      offer("d", { funnelOnly: true }),
    ];
    const first = (id: string) =>
      funnelsWith(offers.find((o) => o.id === id) as OfferConfig, offers).map((f) => f.offer.id);
    expect(first("c")).toEqual(["a", "b"]);
    expect(first("a")).toEqual(["a"]);
    expect(first("d")).toEqual([]);
  });
});
