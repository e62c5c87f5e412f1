import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { OrderSource } from "../../../server/contract/index.ts";
import { type TestApp, testApp } from "../../support/app.ts";
import { ENGINES } from "../../support/engines.ts";
import { envelopeOf } from "../../support/envelope.ts";
import {
  fixtureText,
  sha256,
  standardHeaders,
  stripeEvent,
  stripeHeader,
  wooHeaders,
} from "../../support/signing.ts";

const STRIPE_SECRET = "whsec_routesStripeEndpointSecret0123456789";
const WOO_RAW = fixtureText("woocommerce/order.json");
const WOO_KEY = "wc_order_58d2d042d1d";
const WOO_EMAIL = "john.doe@example.com";
const STRIPE_EMAIL = "example@example.com";
const SESSION_ID = "cs_test_a1YS1URlnyQCN5fUUduORoQ7Pw41PJqDWkIVQCpJPqkfIhd6tVY8XB1OLY";
const GENERIC_REF = "ref_routes_5e1d9a0c7b2f4e68";
const GENERIC_EMAIL = "fish.keeper@example.org";

type Hook = "woocommerce" | "stripe" | "orders";
const HOOKS: Hook[] = ["woocommerce", "stripe", "orders"];
const SOURCE: Record<Hook, OrderSource> = { woocommerce: "woocommerce", stripe: "stripe", orders: "orders" };
const EXTERNAL_ID: Record<Hook, string> = { woocommerce: "727", stripe: SESSION_ID, orders: "order-2002" };

interface Delivery {
  raw: string;
  headers: Headers;
}

/** The WooCommerce fixture, or a re-serialised copy with some fields changed. */
function wooBody(changes?: Record<string, unknown>): string {
  return changes
    ? JSON.stringify({ ...(JSON.parse(WOO_RAW) as Record<string, unknown>), ...changes })
    : WOO_RAW;
}

/**
 * Our own copy of the Stripe fixture event made into a paid checkout: payment_status, amount_total, currency and
 * metadata are edited (the fixture's session is open and unpaid); `id` is the event id, Stripe's delivery id.
 */
function stripeBody({
  eventId,
  session = {},
}: {
  eventId?: string;
  session?: Record<string, unknown>;
} = {}): string {
  const event = stripeEvent({
    session: {
      payment_status: "paid",
      amount_total: 2935,
      currency: "usd",
      metadata: { aquarium_products: "tank:2" },
      ...session,
    },
  });
  if (eventId) event.id = eventId;
  return JSON.stringify(event);
}

function genericBody(changes: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id: "order-2002",
    ref: GENERIC_REF,
    status: "paid",
    currency: "EUR",
    total: 1990,
    lines: [{ product: "filter", sku: "FLT", quantity: 1, unitPrice: 1990 }],
    email: GENERIC_EMAIL,
    paidAt: "2026-11-22T11:59:00Z",
    ...changes,
  });
}

describe.each(ENGINES)("order hooks on %s", (engine) => {
  let harness: TestApp;
  let siteId: string;
  let secrets: Record<string, string>;

  beforeEach(async () => {
    harness = await testApp(engine);
    const created = await harness.admin("/sites", {
      method: "POST",
      json: { name: "Fish shop", allowedOrigins: ["https://fish.example"] },
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { site: { id: string }; secrets: Record<string, string> };
    siteId = body.site.id;
    secrets = body.secrets;
    expect(Object.keys(secrets).sort()).toEqual(["orders", "outbound", "owner", "token", "woocommerce"]);
    const set = await harness.admin(`/sites/${siteId}/secrets/stripe`, {
      method: "POST",
      json: { secret: STRIPE_SECRET },
    });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ kind: "stripe", set: true });
  });

  afterEach(async () => {
    await harness.dispose();
  });

  const post = (hook: string, site: string, { raw, headers }: Delivery) =>
    harness.app.request(`/v1/hooks/${hook}/${site}`, { method: "POST", body: raw, headers });

  const find = (hook: Hook, externalId = EXTERNAL_ID[hook]) =>
    harness.store.orders.find(siteId, SOURCE[hook], externalId);

  /** Stripe signs with the app clock's time; the Standard Webhooks library checks against the real one. */
  const stripeT = () => Math.floor(harness.now / 1000);

  /** A correctly signed delivery of the hook's paid order, optionally of another body, under a given delivery id. */
  function signed(
    hook: Hook,
    { raw, deliveryId = "delivery-1" }: { raw?: string; deliveryId?: string } = {},
  ): Delivery {
    switch (hook) {
      case "woocommerce": {
        const body = raw ?? wooBody();
        return {
          raw: body,
          headers: wooHeaders(body, { secret: secrets.woocommerce as string, deliveryId }),
        };
      }
      case "stripe": {
        const body = raw ?? stripeBody();
        return {
          raw: body,
          headers: new Headers({
            "content-type": "application/json",
            "stripe-signature": stripeHeader(body, STRIPE_SECRET, stripeT()),
          }),
        };
      }
      case "orders": {
        const body = raw ?? genericBody();
        return { raw: body, headers: standardHeaders(body, secrets.orders as string, { id: deliveryId }) };
      }
    }
  }

  /** The same body, signed with a secret that is not the site's. */
  function forged(hook: Hook, deliveryId = "delivery-1"): Delivery {
    switch (hook) {
      case "woocommerce":
        return {
          raw: wooBody(),
          headers: wooHeaders(wooBody(), { secret: "not-the-site-secret", deliveryId }),
        };
      case "stripe": {
        const body = stripeBody();
        return {
          raw: body,
          headers: new Headers({
            "stripe-signature": stripeHeader(body, "whsec_notTheSiteSecret", stripeT()),
          }),
        };
      }
      case "orders": {
        const other = `whsec_${Buffer.from("not-the-site-secret-0123456789abcdef").toString("base64")}`;
        return { raw: genericBody(), headers: standardHeaders(genericBody(), other, { id: deliveryId }) };
      }
    }
  }

  async function expectError(response: Response, status: number, code: string) {
    expect(response.status).toBe(status);
    expect((await envelopeOf(response)).code).toBe(code);
  }

  test("a signed WooCommerce delivery answers stored and the order is in the store", async () => {
    const response = await post("woocommerce", siteId, signed("woocommerce"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, result: "stored" });
    expect(await find("woocommerce")).toEqual({
      id: expect.stringMatching(/^ord_/),
      siteId,
      source: "woocommerce",
      externalId: "727",
      keyHash: sha256(WOO_KEY),
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
      emailHash: sha256(WOO_EMAIL),
      status: "paid",
      paidAt: Date.UTC(2017, 2, 22, 19, 28, 8),
      sourceUpdatedAt: Date.UTC(2017, 2, 22, 19, 28, 8),
      paymentCustomer: null,
      paymentMethod: null,
      paymentReference: null,
      // A platform's delivery is never a test order: only the admin's "Send a test order" makes those.
      test: false,
      createdAt: harness.now,
    });
  });

  test("a signed Stripe delivery of a paid checkout answers stored and the order is in the store", async () => {
    const response = await post("stripe", siteId, signed("stripe"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, result: "stored" });
    expect(await find("stripe")).toMatchObject({
      siteId,
      source: "stripe",
      externalId: SESSION_ID,
      keyHash: null,
      lines: [{ product: "tank", sku: "tank", quantity: 2, unitPrice: 0 }],
      total: 2935,
      currency: "USD",
      emailHash: sha256(STRIPE_EMAIL),
      status: "paid",
      paidAt: 1234567890_000,
    });
  });

  test("a signed generic (Standard Webhooks) delivery answers stored and the order is in the store", async () => {
    const response = await post("orders", siteId, signed("orders"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, result: "stored" });
    expect(await find("orders")).toMatchObject({
      siteId,
      source: "orders",
      externalId: "order-2002",
      keyHash: sha256(GENERIC_REF),
      lines: [{ product: "filter", sku: "FLT", quantity: 1, unitPrice: 1990 }],
      total: 1990,
      currency: "EUR",
      emailHash: sha256(GENERIC_EMAIL),
      status: "paid",
      paidAt: Date.UTC(2026, 10, 22, 11, 59, 0),
    });
    expect(await harness.store.orders.findByKey(siteId, "orders", sha256(GENERIC_REF))).toMatchObject({
      externalId: "order-2002",
    });
  });

  test.each(HOOKS)("%s: the same delivery again answers duplicate and changes nothing", async (hook) => {
    const delivery = signed(hook);
    expect(await (await post(hook, siteId, delivery)).json()).toEqual({ received: true, result: "stored" });
    const before = await find(hook);
    expect(before).not.toBeNull();
    harness.now += 60_000;
    // Re-signed (for Stripe, at the new time) but the same delivery: same bytes, same delivery id.
    const replay = await post(hook, siteId, signed(hook, { raw: delivery.raw }));
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ received: true, result: "duplicate" });
    expect(await find(hook)).toEqual(before);
  });

  test.each(["stripe", "orders"] as Hook[])(
    "%s: a different body under an already seen delivery id is a duplicate and is not applied",
    async (hook) => {
      await post(hook, siteId, signed(hook));
      const before = await find(hook);
      const changed = {
        woocommerce: wooBody({ status: "refunded", date_modified_gmt: "2017-04-01T00:00:00" }),
        stripe: stripeBody({ session: { amount_total: 9999 } }),
        orders: genericBody({ status: "refunded", updatedAt: "2026-11-22T12:30:00Z" }),
      }[hook];
      const response = await post(hook, siteId, signed(hook, { raw: changed }));
      expect(await response.json()).toEqual({ received: true, result: "duplicate" });
      expect(await find(hook)).toEqual(before);
    },
  );

  test("woocommerce: a second real delivery in the same second (same delivery id, another body) is applied; the first body again is a duplicate", async () => {
    await post("woocommerce", siteId, signed("woocommerce"));
    const refunded = wooBody({ status: "refunded", date_modified_gmt: "2017-04-01T00:00:00" });
    const second = await post("woocommerce", siteId, signed("woocommerce", { raw: refunded }));
    expect(await second.json()).toEqual({ received: true, result: "stored" });
    expect((await find("woocommerce"))?.status).toBe("refunded");
    const replay = await post("woocommerce", siteId, signed("woocommerce"));
    expect(await replay.json()).toEqual({ received: true, result: "duplicate" });
  });

  test.each(HOOKS)(
    "%s: a correctly signed body that starts with a byte-order mark is verified over its bytes and stored",
    async (hook) => {
      const raw = `\uFEFF${{ woocommerce: wooBody(), stripe: stripeBody(), orders: genericBody() }[hook]}`;
      const response = await post(hook, siteId, signed(hook, { raw }));
      expect(await response.json()).toEqual({ received: true, result: "stored" });
      expect(await find(hook)).not.toBeNull();
    },
  );

  test.each(HOOKS)("%s: a bad signature answers 401 invalid_signature and stores nothing", async (hook) => {
    await expectError(await post(hook, siteId, forged(hook, "delivery-x")), 401, "invalid_signature");
    expect(await find(hook)).toBeNull();
    // The refused delivery's id was not recorded either: the genuine one under the same id is stored.
    const genuine = await post(hook, siteId, signed(hook, { deliveryId: "delivery-x" }));
    expect(await genuine.json()).toEqual({ received: true, result: "stored" });
  });

  test.each(HOOKS)(
    "%s: an unsigned delivery answers 401 invalid_signature and stores nothing",
    async (hook) => {
      const raw = { woocommerce: wooBody(), stripe: stripeBody(), orders: genericBody() }[hook];
      await expectError(
        await post(hook, siteId, { raw, headers: new Headers({ "content-type": "application/json" }) }),
        401,
        "invalid_signature",
      );
      expect(await find(hook)).toBeNull();
    },
  );

  test.each(HOOKS)(
    "%s: malformed JSON with a valid signature answers 400 invalid_json, stores nothing and is not logged",
    async (hook) => {
      // A truncated JSON body, and a short non-JSON one (an email address, to see whether the body reaches the logs).
      const answers = [];
      for (const raw of [`{"id": 727, "email": "${WOO_EMAIL}"`, WOO_EMAIL]) {
        const response = await post(hook, siteId, signed(hook, { raw, deliveryId: "delivery-m" }));
        answers.push({ status: response.status, body: await response.json() });
      }
      // Everything observed is compared at once, so a failure shows every symptom.
      expect({
        answers,
        stored: await find(hook),
        emailInLogs: harness.logText().includes(WOO_EMAIL),
        errorLogLines: harness.logs.filter((line) => line.level === "error").length,
      }).toEqual({
        answers: [
          { status: 400, body: { error: { code: "invalid_json", message: expect.any(String) } } },
          { status: 400, body: { error: { code: "invalid_json", message: expect.any(String) } } },
        ],
        stored: null,
        emailInLogs: false,
        errorLogLines: 0,
      });
      // The refused delivery's id was not recorded: the genuine one under the same id is stored.
      const genuine = await post(hook, siteId, signed(hook, { deliveryId: "delivery-m" }));
      expect(await genuine.json()).toEqual({ received: true, result: "stored" });
    },
  );

  test.each(HOOKS)("%s: an unknown site answers 404 not_found", async (hook) => {
    await expectError(await post(hook, "site_doesnotexist01", signed(hook)), 404, "not_found");
  });

  test("an unknown hook name answers 404 not_found", async () => {
    await expectError(await post("shopify", siteId, signed("woocommerce")), 404, "not_found");
  });

  test("a site without a Stripe secret answers 404 on the Stripe hook, exactly as an unknown site does", async () => {
    const created = await harness.admin("/sites", { method: "POST", json: { name: "No Stripe" } });
    const { site } = (await created.json()) as { site: { id: string } };
    const response = await post("stripe", site.id, signed("stripe"));
    const unknown = await post("stripe", "site_doesnotexist01", signed("stripe"));
    await expectError(response.clone(), 404, "not_found");
    expect(await response.json()).toEqual(await unknown.json());
    expect(await harness.store.orders.find(site.id, "stripe", SESSION_ID)).toBeNull();
  });

  test.each(HOOKS)(
    "%s: a body over 256 KB answers 413 payload_too_large and stores nothing",
    async (hook) => {
      const padding = "x".repeat(257 * 1024);
      const raw = {
        woocommerce: wooBody({ customer_note: padding }),
        stripe: stripeBody({ session: { client_reference_id: padding } }),
        orders: genericBody({ padding }),
      }[hook];
      await expectError(await post(hook, siteId, signed(hook, { raw })), 413, "payload_too_large");
      expect(await find(hook)).toBeNull();
    },
  );

  test("a WooCommerce body just under 256 KB is accepted", async () => {
    const raw = wooBody({ customer_note: "x".repeat(250 * 1024) });
    expect(Buffer.byteLength(raw)).toBeLessThan(256 * 1024);
    expect(await (await post("woocommerce", siteId, signed("woocommerce", { raw }))).json()).toEqual({
      received: true,
      result: "stored",
    });
  });

  test("the WooCommerce ping (form body webhook_id=1, unsigned) answers 200 ping and stores nothing", async () => {
    const response = await post("woocommerce", siteId, {
      raw: "webhook_id=1",
      headers: new Headers({
        "content-type": "application/x-www-form-urlencoded",
        "user-agent": "WooCommerce/9.0.0 Hookshot (WordPress/6.5)",
      }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, result: "ping" });
    expect(await find("woocommerce")).toBeNull();
  });

  test("a ping to an unknown site answers 404, and a ping body is no ping on the Stripe hook", async () => {
    const ping = () => ({
      raw: "webhook_id=1",
      headers: new Headers({ "content-type": "application/x-www-form-urlencoded" }),
    });
    await expectError(await post("woocommerce", "site_doesnotexist01", ping()), 404, "not_found");
    await expectError(await post("stripe", siteId, ping()), 401, "invalid_signature");
  });

  test("a pending WooCommerce order answers 200 ignored and is not stored", async () => {
    const response = await post(
      "woocommerce",
      siteId,
      signed("woocommerce", { raw: wooBody({ status: "pending" }) }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, result: "ignored" });
    expect(await find("woocommerce")).toBeNull();
  });

  test("the Stripe fixture event as it is (unpaid) answers 200 ignored and is not stored", async () => {
    const raw = fixtureText("stripe/checkout-session-completed.json");
    expect(await (await post("stripe", siteId, signed("stripe", { raw }))).json()).toEqual({
      received: true,
      result: "ignored",
    });
    expect(await find("stripe")).toBeNull();
  });

  test("a later refunded WooCommerce delivery updates the order; an older one arriving late does not undo it", async () => {
    expect(
      await (await post("woocommerce", siteId, signed("woocommerce", { deliveryId: "d-paid" }))).json(),
    ).toEqual({
      received: true,
      result: "stored",
    });
    const refunded = wooBody({ status: "refunded", date_modified_gmt: "2017-03-23T10:00:00" });
    harness.now += 3_600_000;
    const update = await post(
      "woocommerce",
      siteId,
      signed("woocommerce", { raw: refunded, deliveryId: "d-refund" }),
    );
    expect(await update.json()).toEqual({ received: true, result: "stored" });
    const after = await find("woocommerce");
    expect(after).toMatchObject({
      status: "refunded",
      sourceUpdatedAt: Date.UTC(2017, 2, 23, 10, 0, 0),
      total: 2935,
    });

    // A retried, older "processing" delivery under a new id is stale and leaves the refund in place.
    const late = await post("woocommerce", siteId, signed("woocommerce", { deliveryId: "d-late" }));
    expect(await late.json()).toEqual({ received: true, result: "stale" });
    expect(await find("woocommerce")).toEqual(after);
  });

  test("a Stripe signature made at the app clock's time is refused once that clock is more than 300 s later", async () => {
    const delivery = signed("stripe");
    harness.now += 301_000;
    await expectError(await post("stripe", siteId, delivery), 401, "invalid_signature");
    expect(await find("stripe")).toBeNull();
  });

  test("every /v1 answer, success or error, is no-store, noindex and no-referrer", async () => {
    const responses = [
      await post("woocommerce", siteId, signed("woocommerce")),
      await post("woocommerce", siteId, signed("woocommerce")),
      await post("woocommerce", siteId, { raw: "webhook_id=1", headers: new Headers() }),
      await post(
        "woocommerce",
        siteId,
        signed("woocommerce", { raw: wooBody({ status: "pending" }), deliveryId: "d-p" }),
      ),
      await post("stripe", siteId, forged("stripe")),
      await post("woocommerce", siteId, signed("woocommerce", { raw: "{", deliveryId: "d-bad" })),
      await post("orders", "site_doesnotexist01", signed("orders")),
      await post(
        "woocommerce",
        siteId,
        signed("woocommerce", { raw: wooBody({ customer_note: "x".repeat(300 * 1024) }) }),
      ),
      await harness.app.request(`/v1/hooks/woocommerce/${siteId}`, { method: "GET" }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 401, 400, 404, 413, 404]);
    for (const response of responses) {
      expect({
        status: response.status,
        cache: response.headers.get("cache-control"),
        robots: response.headers.get("x-robots-tag"),
        referrer: response.headers.get("referrer-policy"),
      }).toEqual({
        status: response.status,
        cache: "no-store",
        robots: "noindex, nofollow",
        referrer: "no-referrer",
      });
    }
  });

  test("the logs never contain a secret, the order key, the ref or the customer's email", async () => {
    for (const hook of HOOKS) {
      await post(hook, siteId, signed(hook)); // stored
      await post(hook, siteId, signed(hook)); // duplicate
      await post(hook, siteId, forged(hook, "d-forged")); // refused
      await post(hook, "site_doesnotexist01", signed(hook)); // not found
    }
    await post("woocommerce", siteId, { raw: "webhook_id=1", headers: new Headers() });
    await post(
      "woocommerce",
      siteId,
      signed("woocommerce", {
        raw: wooBody({ status: "refunded", date_modified_gmt: "2017-04-01T00:00:00" }),
        deliveryId: "d-r",
      }),
    );

    const text = harness.logText();
    // The log did record these deliveries (so an empty log cannot pass this test by accident).
    const deliveries = harness.logs.filter((line) => line.msg === "order delivery");
    expect(deliveries.map((line) => `${line.source}:${line.result}`)).toEqual([
      "woocommerce:stored",
      "woocommerce:duplicate",
      "stripe:stored",
      "stripe:duplicate",
      "orders:stored",
      "orders:duplicate",
      "woocommerce:stored",
    ]);
    expect(text).toContain(siteId);

    for (const secret of [...Object.values(secrets), STRIPE_SECRET]) expect(text).not.toContain(secret);
    for (const secret of [...Object.values(secrets), STRIPE_SECRET])
      expect(text).not.toContain(secret.replace(/^whsec_/, ""));
    for (const value of [WOO_KEY, WOO_EMAIL, STRIPE_EMAIL, GENERIC_REF, GENERIC_EMAIL])
      expect(text).not.toContain(value);
    for (const value of [WOO_EMAIL, STRIPE_EMAIL, GENERIC_EMAIL])
      expect(text.toLowerCase()).not.toContain(value.toLowerCase());
  });
});
