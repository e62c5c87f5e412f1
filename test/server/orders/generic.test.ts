import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, test, vi } from "vitest";
import { verifyGeneric } from "../../../server/orders/generic.ts";
import { refusal } from "../../support/refusal.ts";
import { sha256, standardHeaders, standardSignature } from "../../support/signing.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

const SITE = "site_generic001";
const SECRET = `whsec_${Buffer.from("aquarium-test-orders-secret-0123456789ab").toString("base64")}`;

/** The official sign test vector, as restated in ../shared/fixtures/standard-webhooks/spec.md. */
const VECTOR = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  payload: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

const ORDER = {
  id: "order-1001",
  ref: "ref_9c1f3b7a2d4e6f80",
  status: "paid",
  currency: "EUR",
  total: 4990,
  lines: [
    { product: "tank-60l", sku: "TANK60", name: "Tank 60 l", quantity: 1, unitPrice: 3990 },
    { product: "filter", quantity: 2, unitPrice: 500 },
  ],
  email: "Fish.Lover@Example.com",
  paidAt: "2026-11-22T11:58:00Z",
};

/** The standardwebhooks library reads Date.now(), not the app clock: deliveries are signed with the real time. */
const nowSeconds = () => Math.floor(Date.now() / 1000);

function deliver(raw: string, headers: Headers, secret = SECRET) {
  return verifyGeneric({ siteId: SITE, raw: bytes(raw), headers, secret, now: Date.now() });
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the official Standard Webhooks test vector", () => {
  test("the reference library signs it to exactly the published signature", () => {
    const signed = new Webhook(VECTOR.secret).sign(
      VECTOR.id,
      new Date(VECTOR.timestamp * 1000),
      VECTOR.payload,
    );
    expect(signed).toBe(VECTOR.signature);
  });

  test("the tests' own signing helper gives the same signature (so the helper used below is right)", () => {
    expect(standardSignature(VECTOR.payload, VECTOR.secret, VECTOR.id, VECTOR.timestamp)).toBe(
      VECTOR.signature,
    );
  });

  test("the key is the base64-decoded secret, not the whsec_ string: a plain-string HMAC does not match", () => {
    const plain = createHmac("sha256", VECTOR.secret)
      .update(`${VECTOR.id}.${VECTOR.timestamp}.${VECTOR.payload}`)
      .digest("base64");
    expect(`v1,${plain}`).not.toBe(VECTOR.signature);
  });

  test("with the clock at the vector's time, verifyGeneric accepts the signature, then refuses the body as not an order", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(VECTOR.timestamp * 1000);
    const headers = new Headers({
      "webhook-id": VECTOR.id,
      "webhook-timestamp": String(VECTOR.timestamp),
      "webhook-signature": VECTOR.signature,
    });
    const error = refusal(() =>
      verifyGeneric({
        siteId: SITE,
        raw: bytes(VECTOR.payload),
        headers,
        secret: VECTOR.secret,
        now: Date.now(),
      }),
    );
    // invalid_request (the body's shape), not invalid_signature: the signature itself was accepted.
    expect(error.code).toBe("invalid_request");
  });

  test("with the clock at the vector's time, one changed byte of the vector's signature is refused as invalid_signature", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(VECTOR.timestamp * 1000);
    const headers = new Headers({
      "webhook-id": VECTOR.id,
      "webhook-timestamp": String(VECTOR.timestamp),
      "webhook-signature": VECTOR.signature.replace("g0hM", "g0hN"),
    });
    const error = refusal(() =>
      verifyGeneric({
        siteId: SITE,
        raw: bytes(VECTOR.payload),
        headers,
        secret: VECTOR.secret,
        now: Date.now(),
      }),
    );
    expect(error.code).toBe("invalid_signature");
  });

  test("at today's real time the vector's 2021 timestamp is refused as stale", () => {
    const headers = new Headers({
      "webhook-id": VECTOR.id,
      "webhook-timestamp": String(VECTOR.timestamp),
      "webhook-signature": VECTOR.signature,
    });
    const error = refusal(() =>
      verifyGeneric({
        siteId: SITE,
        raw: bytes(VECTOR.payload),
        headers,
        secret: VECTOR.secret,
        now: Date.now(),
      }),
    );
    expect(error.code).toBe("invalid_signature");
    expect(error.message).toMatch(/too old/);
  });
});

describe("verifyGeneric", () => {
  test("a valid order payload signed now maps to the order, keyed by the hash of its ref", () => {
    const raw = JSON.stringify(ORDER);
    const verified = deliver(raw, standardHeaders(raw, SECRET, { id: "msg_order_1001" }));
    expect(verified).toEqual({
      deliveryId: "msg_order_1001",
      order: {
        siteId: SITE,
        source: "orders",
        externalId: "order-1001",
        keyHash: sha256("ref_9c1f3b7a2d4e6f80"),
        lines: ORDER.lines,
        total: 4990,
        currency: "EUR",
        emailHash: sha256("fish.lover@example.com"),
        status: "paid",
        paidAt: Date.UTC(2026, 10, 22, 11, 58, 0),
        sourceUpdatedAt: Date.UTC(2026, 10, 22, 11, 58, 0),
        paymentCustomer: null,
        paymentMethod: null,
        paymentReference: null,
      },
    });
  });

  test("updatedAt with an offset becomes sourceUpdatedAt; a refunded status is kept", () => {
    const raw = JSON.stringify({ ...ORDER, status: "refunded", updatedAt: "2026-11-22T13:30:00+01:00" });
    const order = deliver(raw, standardHeaders(raw, SECRET)).order;
    expect(order?.status).toBe("refunded");
    expect(order?.sourceUpdatedAt).toBe(Date.UTC(2026, 10, 22, 12, 30, 0));
  });

  test("an order without an email has no email hash", () => {
    const { email: _email, ...anonymous } = ORDER;
    const raw = JSON.stringify(anonymous);
    expect(deliver(raw, standardHeaders(raw, SECRET)).order?.emailHash).toBeNull();
  });

  test("several space-separated signatures pass when one matches (secret rotation)", () => {
    const raw = JSON.stringify(ORDER);
    const headers = standardHeaders(raw, SECRET, { id: "msg_rot" });
    const t = Number(headers.get("webhook-timestamp"));
    const old = standardSignature(
      raw,
      `whsec_${Buffer.from("an-older-secret-of-24-bytes!").toString("base64")}`,
      "msg_rot",
      t,
    );
    headers.set("webhook-signature", `${old} ${headers.get("webhook-signature")}`);
    expect(deliver(raw, headers).order?.externalId).toBe("order-1001");
  });

  test("a timestamp more than 5 minutes old is refused, even with a correct signature", () => {
    const raw = JSON.stringify(ORDER);
    const error = refusal(() =>
      deliver(raw, standardHeaders(raw, SECRET, { timestamp: nowSeconds() - 5 * 60 - 30 })),
    );
    expect(error.code).toBe("invalid_signature");
    expect(error.message).toMatch(/too old/);
  });

  test("a timestamp more than 5 minutes ahead is refused", () => {
    const raw = JSON.stringify(ORDER);
    const error = refusal(() =>
      deliver(raw, standardHeaders(raw, SECRET, { timestamp: nowSeconds() + 5 * 60 + 30 })),
    );
    expect(error.code).toBe("invalid_signature");
    expect(error.message).toMatch(/too new/);
  });

  test("a timestamp four minutes old still passes", () => {
    const raw = JSON.stringify(ORDER);
    expect(
      deliver(raw, standardHeaders(raw, SECRET, { timestamp: nowSeconds() - 4 * 60 })).order,
    ).not.toBeNull();
  });

  test("a signature made with another secret is refused", () => {
    const raw = JSON.stringify(ORDER);
    const other = `whsec_${Buffer.from("somebody-else's-secret-0123456789").toString("base64")}`;
    expect(refusal(() => deliver(raw, standardHeaders(raw, other))).code).toBe("invalid_signature");
  });

  test("a tampered body is refused", () => {
    const raw = JSON.stringify(ORDER);
    const headers = standardHeaders(raw, SECRET);
    expect(refusal(() => deliver(raw.replace("4990", "4999"), headers)).code).toBe("invalid_signature");
  });

  test("a signature for another webhook-id is refused (the id is part of the signed content)", () => {
    const raw = JSON.stringify(ORDER);
    const headers = standardHeaders(raw, SECRET, { id: "msg_a" });
    headers.set("webhook-id", "msg_b");
    expect(refusal(() => deliver(raw, headers)).code).toBe("invalid_signature");
  });

  test.each(["webhook-id", "webhook-timestamp", "webhook-signature"])(
    "a delivery without %s is refused",
    (name) => {
      const raw = JSON.stringify(ORDER);
      const headers = standardHeaders(raw, SECRET);
      headers.delete(name);
      expect(refusal(() => deliver(raw, headers)).code).toBe("invalid_signature");
    },
  );

  test("a correctly signed body with an unknown field is invalid_request", () => {
    const raw = JSON.stringify({ ...ORDER, coupon: "FREE" });
    const error = refusal(() => deliver(raw, standardHeaders(raw, SECRET)));
    expect(error.code).toBe("invalid_request");
    expect(error.message).toMatch(/coupon/);
  });

  test("a ref shorter than 16 characters is invalid_request", () => {
    const raw = JSON.stringify({ ...ORDER, ref: "a".repeat(15) });
    const error = refusal(() => deliver(raw, standardHeaders(raw, SECRET)));
    expect(error.code).toBe("invalid_request");
    expect(error.message).toMatch(/ref/);
  });

  test("a ref of exactly 16 characters is accepted", () => {
    const raw = JSON.stringify({ ...ORDER, ref: "b".repeat(16) });
    expect(deliver(raw, standardHeaders(raw, SECRET)).order?.keyHash).toBe(sha256("b".repeat(16)));
  });

  test.each([
    ["a negative quantity", { lines: [{ product: "filter", quantity: -1, unitPrice: 500 }] }],
    ["a zero quantity", { lines: [{ product: "filter", quantity: 0, unitPrice: 500 }] }],
    ["a fractional unit price", { lines: [{ product: "filter", quantity: 1, unitPrice: 4.99 }] }],
    ["a negative total", { total: -1 }],
    ["a decimal total", { total: 49.9 }],
    ["a lower-case currency", { currency: "eur" }],
    ["an unknown status", { status: "pending" }],
    ["a paidAt that is not an ISO date-time", { paidAt: "22/11/2026" }],
    ["a malformed email", { email: "not-an-email" }],
    [
      "an unknown field in a line",
      { lines: [{ product: "filter", quantity: 1, unitPrice: 500, colour: "red" }] },
    ],
  ])("a correctly signed body with %s is invalid_request", (_what, changes) => {
    const raw = JSON.stringify({ ...ORDER, ...changes });
    expect(refusal(() => deliver(raw, standardHeaders(raw, SECRET))).code).toBe("invalid_request");
  });

  test("a correctly signed body that is not JSON is invalid_json", () => {
    const raw = '{"id": "order-1001", "ref":';
    expect(refusal(() => deliver(raw, standardHeaders(raw, SECRET))).code).toBe("invalid_json");
  });

  test("a correctly signed empty body is invalid_json", () => {
    expect(refusal(() => deliver("", standardHeaders("", SECRET))).code).toBe("invalid_json");
  });
});
