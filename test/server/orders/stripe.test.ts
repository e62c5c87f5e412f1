import { describe, expect, test } from "vitest";
import { OrderLine } from "../../../server/contract/index.ts";
import { AppError } from "../../../server/errors.ts";
import { STRIPE_TOLERANCE_SECONDS, verifyStripe } from "../../../server/orders/stripe.ts";
import { refusal } from "../../support/refusal.ts";
import { fixtureText, sha256, stripeEvent, stripeHeader, stripeV1 } from "../../support/signing.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

const SITE = "site_stripetest1";
const SECRET = "whsec_testStripeEndpointSecret0123456789";
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const T = Math.floor(NOW / 1000);

/** The assembled checkout.session.completed fixture, byte for byte: an open, unpaid session. */
const RAW = fixtureText("stripe/checkout-session-completed.json");
const EVENT_ID = "evt_1Pgc76B7WZ01zgkWwyRHS12y";
const SESSION_ID = "cs_test_a1YS1URlnyQCN5fUUduORoQ7Pw41PJqDWkIVQCpJPqkfIhd6tVY8XB1OLY";

/**
 * Our own copy of the fixture made into a paid checkout: payment_status, amount_total, currency and metadata are
 * edited here (the fixture itself is Stripe's generic open/unpaid session, see ../shared/fixtures/README.md).
 */
function paid(session: Record<string, unknown> = {}, type = "checkout.session.completed"): string {
  return JSON.stringify(
    stripeEvent({
      type,
      session: { payment_status: "paid", amount_total: 2935, currency: "usd", metadata: {}, ...session },
    }),
  );
}

function deliver(raw: string, header: string | null = stripeHeader(raw, SECRET, T), now = NOW) {
  const headers = new Headers({ "content-type": "application/json" });
  if (header !== null) headers.set("stripe-signature", header);
  return verifyStripe({ siteId: SITE, raw: bytes(raw), headers, secret: SECRET, now });
}

describe("verifyStripe", () => {
  test("the fixture event as it is (an open, unpaid session) is authentic but gives no order", () => {
    expect(deliver(RAW)).toEqual({ deliveryId: EVENT_ID, order: null });
  });

  test("a paid copy of the fixture gives the order keyed by the cs_ id, currency upper-cased, total = amount_total", () => {
    expect(deliver(paid())).toEqual({
      deliveryId: EVENT_ID,
      order: {
        siteId: SITE,
        source: "stripe",
        externalId: SESSION_ID,
        keyHash: null,
        lines: [],
        total: 2935,
        currency: "USD",
        emailHash: sha256("example@example.com"),
        status: "paid",
        paidAt: 1234567890 * 1000,
        sourceUpdatedAt: 1234567890 * 1000,
        // The fixture's session names its PaymentIntent (and no customer): refunds of it are recognised.
        paymentCustomer: null,
        paymentMethod: null,
        paymentReference: "pi_1PgafyB7WZ01zgkWSjxsAJo3",
      },
    });
  });

  test("customer_email is used when customer_details has no email", () => {
    // Our copy also edits customer_details and customer_email.
    const raw = paid({ customer_details: null, customer_email: "Buyer@Example.com" });
    expect(deliver(raw).order?.emailHash).toBe(sha256("buyer@example.com"));
  });

  test("a paid session without amount_total or currency is invalid_request", () => {
    expect(refusal(() => deliver(paid({ amount_total: null }))).code).toBe("invalid_request");
    expect(refusal(() => deliver(paid({ currency: null }))).code).toBe("invalid_request");
  });

  test("several v1 signatures pass when one of them matches (secret rolling)", () => {
    const raw = paid();
    const good = stripeV1(raw, SECRET, T);
    const header = `t=${T},v1=${stripeV1(raw, "whsec_oldSecret", T)},v1=${good},v1=${"0".repeat(64)}`;
    expect(deliver(raw, header).order?.externalId).toBe(SESSION_ID);
  });

  test("several v1 signatures fail when none matches", () => {
    const raw = paid();
    const header = `t=${T},v1=${stripeV1(raw, "whsec_oldSecret", T)},v1=${"0".repeat(64)}`;
    expect(refusal(() => deliver(raw, header)).code).toBe("invalid_signature");
  });

  test("a header with only a v0 signature fails, even when v0 carries the right HMAC", () => {
    const raw = paid();
    expect(refusal(() => deliver(raw, `t=${T},v0=${stripeV1(raw, SECRET, T)}`)).code).toBe(
      "invalid_signature",
    );
  });

  test("a v0 item next to a matching v1 is ignored", () => {
    const raw = paid();
    expect(deliver(raw, `t=${T},v0=deadbeef,v1=${stripeV1(raw, SECRET, T)}`).order?.total).toBe(2935);
  });

  test("a missing Stripe-Signature header fails", () => {
    expect(refusal(() => deliver(paid(), null)).code).toBe("invalid_signature");
  });

  test("a header without t fails", () => {
    const raw = paid();
    expect(refusal(() => deliver(raw, `v1=${stripeV1(raw, SECRET, T)}`)).code).toBe("invalid_signature");
  });

  test("a signature over another timestamp than the header's t fails", () => {
    const raw = paid();
    expect(refusal(() => deliver(raw, `t=${T},v1=${stripeV1(raw, SECRET, T - 1)}`)).code).toBe(
      "invalid_signature",
    );
  });

  test(`a timestamp more than ${STRIPE_TOLERANCE_SECONDS} s old fails, even with a correct signature`, () => {
    const raw = paid();
    const t = T - STRIPE_TOLERANCE_SECONDS - 1;
    const error = refusal(() => deliver(raw, stripeHeader(raw, SECRET, t)));
    expect(error.code).toBe("invalid_signature");
    expect(error.message).toMatch(/tolerance/);
  });

  test.each([0, 1, 120, STRIPE_TOLERANCE_SECONDS])("a timestamp %i s old passes", (age) => {
    const raw = paid();
    expect(deliver(raw, stripeHeader(raw, SECRET, T - age)).order?.externalId).toBe(SESSION_ID);
  });

  test("the tolerance is measured against the given clock, not the machine's", () => {
    const raw = paid();
    const header = stripeHeader(raw, SECRET, T);
    expect(deliver(raw, header, NOW + 299_000).order).not.toBeNull();
    expect(refusal(() => deliver(raw, header, NOW + 301_000)).code).toBe("invalid_signature");
  });

  test("a timestamp a little in the future passes; more than the tolerance ahead is refused too (stricter than stripe-node)", () => {
    const raw = paid();
    expect(deliver(raw, stripeHeader(raw, SECRET, T + 60)).order).not.toBeNull();
    expect(
      refusal(() => deliver(raw, stripeHeader(raw, SECRET, T + STRIPE_TOLERANCE_SECONDS + 1))).code,
    ).toBe("invalid_signature");
  });

  test.each([
    ["not hex at all", () => "zz".repeat(32)],
    ["upper-case hex of the right HMAC", (raw: string) => stripeV1(raw, SECRET, T).toUpperCase()],
    ["truncated hex", (raw: string) => stripeV1(raw, SECRET, T).slice(0, 63)],
    [
      "base64 of the right HMAC",
      (raw: string) => Buffer.from(stripeV1(raw, SECRET, T), "hex").toString("base64"),
    ],
    ["empty", () => ""],
  ])("a v1 value that is %s fails", (_what, v1) => {
    const raw = paid();
    expect(refusal(() => deliver(raw, `t=${T},v1=${v1(raw)}`)).code).toBe("invalid_signature");
  });

  test("a tampered body fails against the original signature", () => {
    const raw = paid();
    const header = stripeHeader(raw, SECRET, T);
    const tampered = raw.replace('"amount_total":2935', '"amount_total":2936');
    expect(tampered).not.toBe(raw);
    expect(refusal(() => deliver(tampered, header)).code).toBe("invalid_signature");
  });

  test("a signature with another secret fails", () => {
    const raw = paid();
    expect(refusal(() => deliver(raw, stripeHeader(raw, "whsec_someoneElse", T))).code).toBe(
      "invalid_signature",
    );
  });

  test("metadata.aquarium_products lists the order's lines", () => {
    // Our copy sets metadata.aquarium_products.
    const lines = deliver(paid({ metadata: { aquarium_products: "tank:2,filter" } })).order?.lines;
    expect(lines).toEqual([
      { product: "tank", sku: "tank", quantity: 2, unitPrice: 0 },
      { product: "filter", sku: "filter", quantity: 1, unitPrice: 0 },
    ]);
  });

  test("aquarium_products tolerates spaces around items, empty items and nonsense quantities (at least 1)", () => {
    // Our copy sets metadata.aquarium_products.
    const lines = deliver(paid({ metadata: { aquarium_products: " tank:3 ,, filter:0, net:abc, pump:-2" } }))
      .order?.lines;
    expect(lines).toEqual([
      { product: "tank", sku: "tank", quantity: 3, unitPrice: 0 },
      { product: "filter", sku: "filter", quantity: 1, unitPrice: 0 },
      { product: "net", sku: "net", quantity: 1, unitPrice: 0 },
      { product: "pump", sku: "pump", quantity: 1, unitPrice: 0 },
    ]);
  });

  test("aquarium_products tolerates spaces around the colon too: `tank : 2` is SKU tank", () => {
    // Our copy sets metadata.aquarium_products.
    const lines = deliver(paid({ metadata: { aquarium_products: "tank : 2, filter" } })).order?.lines;
    expect(lines).toEqual([
      { product: "tank", sku: "tank", quantity: 2, unitPrice: 0 },
      { product: "filter", sku: "filter", quantity: 1, unitPrice: 0 },
    ]);
  });

  test("lines made from aquarium_products respect the OrderLine contract, or the delivery is refused", () => {
    // Our copy sets metadata.aquarium_products to a quantity above the contract's 100 000 and a 201-character SKU.
    const raw = paid({ metadata: { aquarium_products: `tank:1000000,${"x".repeat(201)}` } });
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

  test("a Payment Link gives one line for the link, priced at the subtotal", () => {
    // Our copy also sets payment_link and amount_subtotal (the fixture has both null).
    const lines = deliver(paid({ payment_link: "plink_1MoC3ULkdIwHu7ixZjtGpVl2", amount_subtotal: 2500 }))
      .order?.lines;
    expect(lines).toEqual([{ product: "plink_1MoC3ULkdIwHu7ixZjtGpVl2", quantity: 1, unitPrice: 2500 }]);
  });

  test("a Payment Link without a subtotal is priced at amount_total", () => {
    // Our copy also sets payment_link; amount_subtotal stays the fixture's null.
    const lines = deliver(paid({ payment_link: "plink_abc" })).order?.lines;
    expect(lines).toEqual([{ product: "plink_abc", quantity: 1, unitPrice: 2935 }]);
  });

  test.each([
    "checkout.session.expired",
    "checkout.session.async_payment_failed",
    "payment_intent.succeeded",
  ])("a correctly signed %s event about a session that is not Aquarium's gives no order", (type) => {
    expect(deliver(paid({}, type))).toEqual({ deliveryId: EVENT_ID, order: null });
  });

  test("a paid pay link of Aquarium's own (its metadata names the decision) is that payment paid, not an order", () => {
    const verified = deliver(
      paid({ metadata: { aquarium_decision: "dec_abcdefgh1234" }, payment_intent: "pi_123" }),
    );
    expect(verified).toEqual({
      deliveryId: EVENT_ID,
      order: null,
      payment: {
        decisionId: "dec_abcdefgh1234",
        reference: SESSION_ID,
        providerPayment: "pi_123",
        status: "paid",
      },
    });
  });

  test.each([
    ["checkout.session.expired", "failed"],
    ["checkout.session.async_payment_failed", "failed"],
  ])("%s for Aquarium's own pay link is that payment %s", (type, status) => {
    const verified = deliver(paid({ metadata: { aquarium_decision: "dec_abcdefgh1234" } }, type));
    expect(verified.payment).toMatchObject({ decisionId: "dec_abcdefgh1234", status });
  });

  test("charge.refunded (Stripe's charge fixture, refunded in part) names the PaymentIntent and the amount refunded in all", () => {
    const charge = {
      ...JSON.parse(fixtureText("stripe/charge.json")),
      payment_intent: "pi_refunded1",
      amount_refunded: 40,
    };
    const raw = JSON.stringify({ ...JSON.parse(RAW), type: "charge.refunded", data: { object: charge } });
    expect(deliver(raw).payment).toEqual({
      decisionId: null,
      reference: null,
      providerPayment: "pi_refunded1",
      status: "refunded",
      refunded: 40,
    });
  });

  test("checkout.session.async_payment_succeeded for a paid session gives the order", () => {
    const order = deliver(paid({}, "checkout.session.async_payment_succeeded")).order;
    expect(order).toMatchObject({ externalId: SESSION_ID, status: "paid", total: 2935, currency: "USD" });
  });

  test("a completed session whose payment is still processing (unpaid) gives no order", () => {
    expect(deliver(paid({ payment_status: "unpaid" })).order).toBeNull();
  });

  test("a signed body that is not JSON is invalid_json", () => {
    const raw = '{"id": "evt_1",';
    expect(refusal(() => deliver(raw)).code).toBe("invalid_json");
  });

  test("a paid event whose object is not a checkout session (no cs_ id) is invalid_request", () => {
    const raw = paid({ id: "pi_123" });
    expect(refusal(() => deliver(raw)).code).toBe("invalid_request");
  });

  test("a signed JSON body that is not an event is invalid_request", () => {
    expect(refusal(() => deliver('{"hello":"world"}')).code).toBe("invalid_request");
  });
});
