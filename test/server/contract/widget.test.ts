import { describe, expect, test } from "vitest";
import { DEFAULT_APPEARANCE } from "../../../server/contract/admin.ts";
import { DecisionResponse, Offer, SessionResponse } from "../../../server/contract/answers.ts";
import { ErrorEnvelope } from "../../../server/contract/error.ts";
import {
  Decision,
  WidgetDecisionResponse,
  WidgetError,
  WidgetOffer,
  WidgetSessionResponse,
} from "../../../server/contract/widget.ts";
import { testApp } from "../../support/app.ts";
import { BROWSER_SECRET, claim, decide, ORDER_KEY, paidOrder, seedShop } from "../../support/shop.ts";

/**
 * The widget reads the server's answers through its own schemas (server/contract/widget.ts), which the full
 * ones extend with what the widget never shows: one schema per field, and every answer read alike.
 */
describe("the answers as the widget reads them", () => {
  test("the full Offer is the widget's offer, the very same schema for each field, and its discount terms", () => {
    const fields = Object.keys(WidgetOffer.shape);
    expect(Object.keys(Offer.shape)).toEqual([...fields, "discount"]);
    for (const field of fields) {
      expect(Offer.shape[field as keyof typeof Offer.shape], field).toBe(
        WidgetOffer.shape[field as keyof typeof WidgetOffer.shape],
      );
    }
  });

  test("the full session and decision answers are the widget's, with the full Offer in place of its offer", () => {
    expect(Object.keys(SessionResponse.shape)).toEqual(Object.keys(WidgetSessionResponse.shape));
    expect(SessionResponse.shape.session).toBe(WidgetSessionResponse.shape.session);
    expect(SessionResponse.shape.offer.def.innerType).toBe(Offer);
    expect(Object.keys(DecisionResponse.shape)).toEqual(Object.keys(WidgetDecisionResponse.shape));
    expect(DecisionResponse.shape.decision).toBe(Decision);
    expect(WidgetDecisionResponse.shape.decision).toBe(Decision);
    expect(DecisionResponse.shape.next.def.innerType).toBe(Offer);
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

  test("a real claim's answer, and a real accept's, read the same through both, but for the discounts", async () => {
    const harness = await testApp("sqlite");
    try {
      const shop = await seedShop(harness);
      await paidOrder(harness, shop.siteId);
      const claimed: unknown = await (
        await claim(harness, {
          site: shop.siteId,
          order: { source: "woocommerce", id: "727", key: ORDER_KEY },
        })
      ).json();
      const session = SessionResponse.parse(claimed);
      const { discount, ...offer } = session.offer ?? { discount: null };
      expect(discount).toEqual({ type: "percent", value: 25 });
      expect(WidgetSessionResponse.parse(claimed)).toEqual({
        session: session.session,
        offer,
        appearance: DEFAULT_APPEARANCE,
      });

      const accepted: unknown = await (
        await decide(
          harness,
          session.session.id,
          BROWSER_SECRET,
          { offer: shop.offers.tank, action: "accept", quantity: 2 },
          "key-0123456789abcdef",
        )
      ).json();
      const decision = DecisionResponse.parse(accepted);
      expect(decision.decision).toMatchObject({ action: "accept", quantity: 2, amount: 13350 });
      const { discount: nextDiscount, ...next } = decision.next ?? { discount: null };
      expect(nextDiscount).toEqual({ type: "fixed", value: 100 });
      expect(WidgetDecisionResponse.parse(accepted)).toEqual({ decision: decision.decision, next });
    } finally {
      await harness.dispose();
    }
  });
});
