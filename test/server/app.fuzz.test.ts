import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SessionResponse } from "../../server/contract/index.ts";
import { type TestApp, testApp } from "../support/app.ts";
import { BROWSER_SECRET, claim, ORDER_KEY, ORIGIN, paidOrder, seedShop } from "../support/shop.ts";

/**
 * Arbitrary bodies, headers and ids thrown at every public route: never a 5xx, always the error envelope
 * (or a 2xx, for the rare input that happens to be valid).
 */
describe("every public route under arbitrary input", () => {
  let harness: TestApp;
  let siteId: string;
  let session: { id: string; secret: string };

  beforeAll(async () => {
    harness = await testApp("sqlite", {
      limits: { claimsPerIp: 1e9, claimsPerRef: 1e9, claimsPerSite: 1e9, decisionsPerIp: 1e9 },
    });
    const shop = await seedShop(harness);
    siteId = shop.siteId;
    await paidOrder(harness, siteId);
    const body = SessionResponse.parse(
      await (
        await claim(harness, { site: siteId, order: { source: "woocommerce", id: "727", key: ORDER_KEY } })
      ).json(),
    );
    session = { id: body.session.id, secret: BROWSER_SECRET };
  });
  afterAll(() => harness.dispose());

  const json = fc.oneof(
    fc.json(),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc
      .record({ site: fc.string(), order: fc.jsonValue(), secret: fc.option(fc.string()) })
      .map((value) => JSON.stringify(value)),
    fc
      .record({ offer: fc.string(), action: fc.string(), quantity: fc.jsonValue() })
      .map((value) => JSON.stringify(value)),
  );
  const body = fc.oneof(
    json,
    fc.string(),
    fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
  );
  const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);
  const headers = fc.record(
    {
      "content-type": fc.oneof(fc.constant("application/json"), headerValue),
      origin: fc.oneof(fc.constant(ORIGIN), headerValue),
      authorization: fc.oneof(
        headerValue,
        fc.constant("Bearer "),
        fc.string({ maxLength: 10 }).map((s) => `Bearer ${s}`),
      ),
      "idempotency-key": headerValue,
      "x-wc-webhook-signature": headerValue,
      "x-wc-webhook-delivery-id": headerValue,
      "stripe-signature": headerValue,
      "webhook-id": headerValue,
      "webhook-timestamp": fc.oneof(headerValue, fc.integer().map(String)),
      "webhook-signature": headerValue,
    },
    { requiredKeys: [] },
  );
  const id = fc.oneof(
    fc.constant(""),
    fc.string({ maxLength: 80 }),
    fc.constantFrom("site_", "sess_", "..", "%00", "a/b"),
  );
  const route = fc.oneof(
    fc.constant(() => "/v1/sessions"),
    fc.constant(() => `/v1/sessions/${session.id}/decisions`),
    id.map((x) => () => `/v1/sessions/${encodeURIComponent(x)}/decisions`),
    fc.constantFrom("woocommerce", "stripe", "orders").map((hook) => () => `/v1/hooks/${hook}/${siteId}`),
    fc.tuple(fc.constantFrom("woocommerce", "stripe", "orders"), id).map(
      ([hook, x]) =>
        () =>
          `/v1/hooks/${hook}/${encodeURIComponent(x)}`,
    ),
  );

  test("never answers 5xx, and every error is the envelope", async () => {
    await fc.assert(
      fc.asyncProperty(route, headers, body, async (path, sent, text) => {
        const response = await harness.app.request(path(), { method: "POST", headers: sent, body: text });
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) {
          const envelope = await response.json();
          expect(envelope).toMatchObject({
            error: { code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) },
          });
        }
      }),
      { numRuns: 400 },
    );
    expect(harness.logs.filter((line) => line.level === "error")).toEqual([]);
  }, 60_000);

  test("sequential WooCommerce ids with wrong keys, and random sessions and secrets, all get the same 404", async () => {
    const reference = await claim(harness, {
      site: siteId,
      order: { source: "woocommerce", id: "1", key: "wc_order_x" },
    });
    const expected = { status: reference.status, body: await reference.text() };
    expect(expected.status).toBe(404);
    for (let i = 700; i < 760; i++) {
      const guess = await claim(harness, {
        site: siteId,
        order: { source: "woocommerce", id: String(i), key: "wc_order_guess" },
      });
      expect({ status: guess.status, body: await guess.text() }).toEqual(expected);
    }
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[A-Za-z0-9_-]{12,20}$/),
        fc.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        async (x, secret) => {
          const response = await harness.app.request(`/v1/sessions/sess_${x}/decisions`, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              origin: ORIGIN,
              authorization: `Bearer ${secret}`,
              "idempotency-key": "key-fuzz-0001",
            },
            body: JSON.stringify({ offer: "offer_xxxxxxxxxxxx", action: "accept" }),
          });
          expect({ status: response.status, body: await response.text() }).toEqual(expected);
        },
      ),
      { numRuns: 100 },
    );
  });
});
