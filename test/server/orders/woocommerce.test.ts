import { describe, expect, test } from "vitest";
import { OrderLine } from "../../../server/contract/index.ts";
import { AppError } from "../../../server/errors.ts";
import { isWooCommercePing, verifyWooCommerce } from "../../../server/orders/woocommerce.ts";
import { refusal } from "../../support/refusal.ts";
import { fixtureText, sha256, wooHeaders, wooSignature } from "../../support/signing.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

const SITE = "site_wootest01";
const SECRET = "wc-test-secret-9f2c1e7a4b";
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

/** WooCommerce's own "Retrieve an order" example (order 727), byte for byte. */
const RAW = fixtureText("woocommerce/order.json");

function deliver(
  raw: string,
  options: Parameters<typeof wooHeaders>[1] = { secret: SECRET },
  secret = SECRET,
) {
  return verifyWooCommerce({
    siteId: SITE,
    raw: bytes(raw),
    headers: wooHeaders(raw, options),
    secret,
    now: NOW,
  });
}

/** The fixture with some fields changed, re-serialised (and then signed over those new bytes). */
function edited(changes: Record<string, unknown>): string {
  return JSON.stringify({ ...(JSON.parse(RAW) as Record<string, unknown>), ...changes });
}

describe("verifyWooCommerce", () => {
  test("the fixture order, correctly signed, maps to order 727 with its key hash, total, lines, email hash and payment time", () => {
    const verified = deliver(RAW, { secret: SECRET, deliveryId: "delivery-727" });
    expect(verified.deliveryId).toBe(`delivery-727#${sha256(RAW).slice(0, 32)}`);
    expect(verified.order).toEqual({
      siteId: SITE,
      source: "woocommerce",
      externalId: "727",
      keyHash: sha256("wc_order_58d2d042d1d"),
      lines: [
        { product: "93", name: "Woo Single #1", quantity: 2, unitPrice: 300 },
        {
          product: "22",
          sku: "Bar3",
          name: "Ship Your Idea &ndash; Color: Black, Size: M Test",
          quantity: 1,
          unitPrice: 1200,
        },
      ],
      total: 2935,
      currency: "USD",
      emailHash: sha256("john.doe@example.com"),
      status: "paid",
      paidAt: Date.UTC(2017, 2, 22, 19, 28, 8),
      sourceUpdatedAt: Date.UTC(2017, 2, 22, 19, 28, 8),
      paymentCustomer: null,
      paymentMethod: null,
      paymentReference: null,
    });
  });

  test("an empty SKU is left out of the line rather than stored as an empty string", () => {
    const lines = deliver(RAW).order?.lines ?? [];
    expect(lines[0]).not.toHaveProperty("sku");
    expect(lines[1]?.sku).toBe("Bar3");
  });

  test("a one-byte change to the signed body fails the signature", () => {
    const signature = wooSignature(RAW, SECRET);
    const tampered = RAW.replace('"total": "29.35"', '"total": "29.36"');
    expect(tampered).not.toBe(RAW);
    expect(tampered.length).toBe(RAW.length);
    const error = refusal(() => deliver(tampered, { signature }));
    expect(error.code).toBe("invalid_signature");
  });

  test("a signature made with another secret fails", () => {
    expect(refusal(() => deliver(RAW, { secret: "some-other-secret" })).code).toBe("invalid_signature");
  });

  test("a delivery without X-WC-Webhook-Signature fails", () => {
    expect(refusal(() => deliver(RAW, { signature: null })).code).toBe("invalid_signature");
  });

  test("an empty signature header fails", () => {
    expect(refusal(() => deliver(RAW, { signature: "" })).code).toBe("invalid_signature");
  });

  test("a hex signature of the right HMAC fails: WooCommerce signs in base64", () => {
    const hex = Buffer.from(wooSignature(RAW, SECRET), "base64").toString("hex");
    expect(refusal(() => deliver(RAW, { signature: hex })).code).toBe("invalid_signature");
  });

  test("re-serialised JSON fails against a signature over the original bytes", () => {
    const reserialised = JSON.stringify(JSON.parse(RAW));
    expect(reserialised).not.toBe(RAW);
    const error = refusal(() => deliver(reserialised, { signature: wooSignature(RAW, SECRET) }));
    expect(error.code).toBe("invalid_signature");
  });

  test("the signature is checked before the body is parsed: unsigned garbage is invalid_signature, not invalid_json", () => {
    expect(refusal(() => deliver("{not json", { signature: "AAAA" })).code).toBe("invalid_signature");
  });

  test("two real deliveries in one second share WooCommerce's delivery id: told apart by their bodies, a replay of the same bytes recognised", () => {
    const first = deliver(RAW, { secret: SECRET, deliveryId: "12-1764417600" });
    const second = deliver(edited({ status: "refunded" }), { secret: SECRET, deliveryId: "12-1764417600" });
    const replay = deliver(RAW, { secret: SECRET, deliveryId: "12-1764417600" });
    expect(second.deliveryId).not.toBe(first.deliveryId);
    expect(replay.deliveryId).toBe(first.deliveryId);
  });

  test("a signed body that is not JSON is invalid_json", () => {
    expect(refusal(() => deliver('{"id": 727,', { secret: SECRET })).code).toBe("invalid_json");
  });

  test.each([
    ["processing", "paid"],
    ["completed", "paid"],
    ["refunded", "refunded"],
    ["cancelled", "cancelled"],
    ["failed", "cancelled"],
  ] as const)("status %s gives an order with status %s", (wooStatus, status) => {
    const verified = deliver(edited({ status: wooStatus }));
    expect(verified.order?.status).toBe(status);
    expect(verified.order?.externalId).toBe("727");
  });

  test.each(["pending", "on-hold", "checkout-draft", "trash"])(
    "status %s is authentic but gives no order",
    (wooStatus) => {
      const raw = edited({ status: wooStatus });
      const verified = deliver(raw, { secret: SECRET, deliveryId: `d-${wooStatus}` });
      expect(verified).toEqual({ deliveryId: `d-${wooStatus}#${sha256(raw).slice(0, 32)}`, order: null });
    },
  );

  test("topic order.deleted gives no order, even with a full order body", () => {
    expect(deliver(RAW, { secret: SECRET, topic: "order.deleted", deliveryId: "d-del" })).toEqual({
      deliveryId: `d-del#${sha256(RAW).slice(0, 32)}`,
      order: null,
    });
  });

  test("order.deleted's real payload, just the id, gives no order", () => {
    const raw = '{"id":727}';
    expect(deliver(raw, { secret: SECRET, topic: "order.deleted" }).order).toBeNull();
  });

  test("a non-order topic gives no order", () => {
    expect(deliver(RAW, { secret: SECRET, topic: "product.updated" }).order).toBeNull();
  });

  test("order.created maps the order just like order.updated", () => {
    expect(deliver(RAW, { secret: SECRET, topic: "order.created" }).order?.total).toBe(2935);
  });

  test("a signed delivery without X-WC-Webhook-Delivery-ID is invalid_request", () => {
    const error = refusal(() => deliver(RAW, { secret: SECRET, deliveryId: null }));
    expect(error.code).toBe("invalid_request");
    expect(error.message).toMatch(/Delivery-ID/);
  });

  test("without date_modified_gmt the source update time falls back to the payment time", () => {
    const order = deliver(edited({ date_modified_gmt: null })).order;
    expect(order?.sourceUpdatedAt).toBe(Date.UTC(2017, 2, 22, 19, 28, 8));
  });

  test("without date_paid_gmt the payment time is the creation time", () => {
    expect(deliver(edited({ date_paid_gmt: null })).order?.paidAt).toBe(Date.UTC(2017, 2, 22, 19, 28, 2));
  });

  test("a paid order without a billing email has no email hash", () => {
    expect(deliver(edited({ billing: {} })).order?.emailHash).toBeNull();
  });

  test("the email is normalised before hashing", () => {
    const billing = { email: "  John.Doe@Example.COM " };
    expect(deliver(edited({ billing })).order?.emailHash).toBe(sha256("john.doe@example.com"));
  });

  test("amounts follow the currency's minor units: JPY has none", () => {
    const raw = edited({
      currency: "JPY",
      total: "2935",
      line_items: [{ product_id: 93, quantity: 2, subtotal: "600", sku: "" }],
    });
    const order = deliver(raw).order;
    expect(order?.total).toBe(2935);
    expect(order?.lines).toEqual([{ product: "93", quantity: 2, unitPrice: 300 }]);
  });

  test("lines respect the OrderLine contract (quantity at most 100 000, name at most 500 characters), or the delivery is refused", () => {
    const raw = edited({
      line_items: [
        { product_id: 93, quantity: 100_001, subtotal: "100001.00", sku: "", name: "n".repeat(501) },
      ],
    });
    let lines: unknown[] = [];
    try {
      lines = deliver(raw).order?.lines ?? [];
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("invalid_request");
      return;
    }
    expect(lines.map((line) => OrderLine.safeParse(line).success)).toEqual(lines.map(() => true));
  });

  test.each([
    ["a lower-case currency", { currency: "usd" }],
    ["a non-numeric total", { total: "twenty" }],
    ["a negative total", { total: "-29.35" }],
    ["a zero quantity", { line_items: [{ product_id: 93, quantity: 0, subtotal: "6.00" }] }],
    ["a missing order key", { order_key: undefined }],
    ["an unparseable payment date", { date_paid_gmt: "yesterday" }],
  ])("a signed paid order with %s is invalid_request", (_what, changes) => {
    expect(refusal(() => deliver(edited(changes))).code).toBe("invalid_request");
  });
});

describe("a linked order (an accepted offer's, its meta naming the decision)", () => {
  const LINKED = {
    id: 1005,
    parent_id: 727,
    meta_data: [
      { id: 1, key: "aquarium_parent_order", value: "727" },
      { id: 2, key: "aquarium_decision", value: "dec_linked000001" },
    ],
    total: "133.50",
  };
  const linked = (changes: Record<string, unknown>) => deliver(edited({ ...LINKED, ...changes }));

  test.each([
    ["processing", "paid"],
    ["completed", "paid"],
    ["failed", "failed"],
    ["cancelled", "failed"],
  ])("%s is no order but its payment %s, found by the linked order's id", (status, payment) => {
    const verified = linked({ status });
    expect(verified.order).toBeNull();
    expect(verified.payment).toEqual({
      decisionId: null,
      reference: "1005",
      providerPayment: null,
      status: payment,
    });
  });

  test.each(["pending", "on-hold"])(
    "%s (awaiting the buyer, or their bank transfer) changes nothing yet",
    (status) => {
      const verified = linked({ status });
      expect(verified.order).toBeNull();
      expect(verified.payment).toBeUndefined();
    },
  );

  test("a partial refund leaves it processing with refunds (negative amounts): refunded by their sum", () => {
    const verified = linked({
      status: "processing",
      refunds: [
        { id: 1, reason: "", total: "-10.00" },
        { id: 2, reason: "", total: "-0.50" },
      ],
    });
    expect(verified.payment).toMatchObject({ status: "refunded", refunded: 1050 });
  });

  test("refunded in full: refunded by its refunds, or by its total when they are not listed", () => {
    expect(linked({ status: "refunded", refunds: [{ id: 1, total: "-133.50" }] }).payment).toMatchObject({
      status: "refunded",
      refunded: 13350,
    });
    expect(linked({ status: "refunded", refunds: [] }).payment).toMatchObject({ refunded: 13350 });
  });

  test("the same order without the decision's meta is an ordinary order with offers", () => {
    const verified = deliver(edited({ ...LINKED, meta_data: [], status: "processing" }));
    expect(verified.payment).toBeUndefined();
    expect(verified.order?.externalId).toBe("1005");
  });
});

describe("isWooCommercePing", () => {
  test("the creation ping `webhook_id=12`, unsigned, is a ping", () => {
    expect(
      isWooCommercePing({
        raw: bytes("webhook_id=12"),
        headers: new Headers({ "content-type": "application/x-www-form-urlencoded" }),
      }),
    ).toBe(true);
  });

  test("the same body with a signature header is not a ping (it must go through verification)", () => {
    const headers = new Headers({ "x-wc-webhook-signature": wooSignature("webhook_id=12", SECRET) });
    expect(isWooCommercePing({ raw: bytes("webhook_id=12"), headers })).toBe(false);
  });

  test.each(["webhook_id=", "webhook_id=12&x=1", "webhook_id=abc", '{"webhook_id":12}', ""])(
    "%j is not a ping",
    (raw) => {
      expect(isWooCommercePing({ raw: bytes(raw), headers: new Headers() })).toBe(false);
    },
  );

  test("an unsigned order body is not a ping", () => {
    expect(isWooCommercePing({ raw: bytes(RAW), headers: new Headers() })).toBe(false);
  });
});
