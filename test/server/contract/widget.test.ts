import { describe, expect, test } from "vitest";
import { Offer, SessionResponse } from "../../../server/contract/answers.ts";
import { ErrorEnvelope } from "../../../server/contract/error.ts";
import { WidgetError, WidgetOffer, WidgetSessionResponse } from "../../../server/contract/widget.ts";
import { testApp } from "../../support/app.ts";
import { claim, paidOrder, seedShop } from "../../support/shop.ts";

/**
 * The widget reads the server's answers through its own schemas (server/contract/widget.ts), the full ones
 * but for the offer's discount terms: they must not drift apart.
 */
describe("the answers as the widget reads them", () => {
  const shared = Object.keys(WidgetOffer.shape).sort();

  test("an offer has every field of the contract's Offer but its discount", () => {
    expect(shared).toEqual(
      Object.keys(Offer.shape)
        .filter((key) => key !== "discount")
        .sort(),
    );
  });

  /** Values each field's schema must take or refuse exactly as the contract's does. */
  const PROBES: unknown[] = [
    "offer_abcdefgh",
    "prod_abcdefgh",
    "offer_",
    "The tank",
    "",
    null,
    undefined,
    0,
    1,
    3,
    4,
    -1,
    1.5,
    100_000_000_01,
    "USD",
    "usd",
    "US",
    "2026-11-22T12:15:00.000Z",
    {},
  ];

  test.each(shared)("the field %s takes and refuses what the contract's Offer does", (key) => {
    const ours = WidgetOffer.shape[key as keyof typeof WidgetOffer.shape];
    const theirs = Offer.shape[key as keyof typeof Offer.shape];
    const verdicts = (schema: typeof ours | typeof theirs) =>
      PROBES.map((value) => schema.safeParse(value).success);
    expect(verdicts(ours)).toEqual(verdicts(theirs));
    expect(verdicts(ours)).toContain(false);
  });

  test.each<[string, unknown]>([
    ["an envelope", { error: { code: "offer_withdrawn", message: "Gone." } }],
    [
      "an envelope with fields",
      { error: { code: "invalid_request", message: "No.", fields: { site: "bad" } } },
    ],
    ["a code added later", { error: { code: "something_new", message: "New." } }],
  ])("the widget reads the code of %s as the contract does", (_name, body) => {
    const full = ErrorEnvelope.safeParse(body);
    expect(full.success).toBe(true);
    expect(WidgetError.parse(body).error.code).toBe(full.data?.error.code);
  });

  test.each<[string, unknown]>([
    ["no message", { error: { code: "internal" } }],
    ["a numeric code", { error: { code: 500, message: "x" } }],
    ["no error", { message: "boom" }],
    ["null", null],
  ])("the widget refuses an envelope with %s, as the contract does", (_name, body) => {
    expect(ErrorEnvelope.safeParse(body).success).toBe(false);
    expect(WidgetError.safeParse(body).success).toBe(false);
  });

  test("a real claim's answer reads the same through both, but for the discount", async () => {
    const harness = await testApp("sqlite");
    try {
      const shop = await seedShop(harness);
      await paidOrder(harness, shop.siteId);
      const response = await claim(harness, {
        site: shop.siteId,
        order: { source: "woocommerce", id: "727", key: "wc_order_58d2d042d1d" },
        secret: "q3Jz0Yb9XcV8nM7lK6jH5gF4dS3aP2oI1uY0tR9eW8Q",
      });
      const body: unknown = await response.json();
      const full = SessionResponse.parse(body);
      const { discount, ...rest } = full.offer ?? { discount: null };
      expect(discount).toEqual({ type: "percent", value: 25 });
      expect(WidgetSessionResponse.parse(body)).toEqual({ session: full.session, offer: rest });
    } finally {
      await harness.dispose();
    }
  });
});
