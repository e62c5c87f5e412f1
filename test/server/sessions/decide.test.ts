import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  DecisionResponse,
  type Offer,
  SellerEvent,
  SessionResponse,
} from "../../../server/contract/index.ts";
import { AppError } from "../../../server/errors.ts";
import { decide as decideUseCase } from "../../../server/sessions/decide.ts";
import { type TestApp, testApp } from "../../support/app.ts";
import { ENGINES } from "../../support/engines.ts";
import { fakeProvider } from "../../support/payments.ts";
import { BROWSER_SECRET, claim, decide, ORDER_KEY, ORIGIN, paidOrder, seedShop } from "../../support/shop.ts";
import { fixtureText, wooHeaders } from "../../support/signing.ts";

const woo = { source: "woocommerce", id: "727", key: ORDER_KEY };

describe.each(ENGINES)("decisions on %s", (engine) => {
  let harness: TestApp;
  let shop: Awaited<ReturnType<typeof seedShop>>;
  let session: { id: string; secret: string };

  async function start(payments: "demo" | "manual" = "demo") {
    shop = await seedShop(harness, { payments, webhookUrl: "http://127.0.0.1:9/hooks" });
    await paidOrder(harness, shop.siteId);
    const body = SessionResponse.parse(
      await (await claim(harness, { site: shop.siteId, order: woo })).json(),
    );
    session = { id: body.session.id, secret: BROWSER_SECRET };
  }
  const accept = (key: string, extra: Record<string, unknown> = {}) =>
    decide(harness, session.id, session.secret, { offer: shop.offers.tank, action: "accept", ...extra }, key);

  beforeEach(async () => {
    harness = await testApp(engine);
  });
  afterEach(() => harness.dispose());

  test("accepting charges the server's price once, tells the seller, and moves to the next upsell", async () => {
    await start();
    const response = await accept("key-accept-1", { quantity: 2 });
    expect(response.status).toBe(200);
    const body = DecisionResponse.parse(await response.json());
    expect(body.decision).toMatchObject({
      offer: shop.offers.tank,
      action: "accept",
      status: "accepted",
      quantity: 2,
      amount: 2 * 6675,
      currency: "USD",
      payment: { provider: "demo", status: "paid" },
    });
    expect(body.next).toMatchObject({ id: shop.offers.food, step: 2, price: 400 });
    const payments = await harness.store.payments.list(shop.siteId);
    expect(payments.map((p) => [p.amount, p.status])).toEqual([[13350, "paid"]]);
    const events = await harness.store.outbox.pending(shop.siteId);
    expect(events).toHaveLength(1);
    expect(events[0]?.payload).toMatchObject({
      type: "offer.accepted",
      data: {
        site: shop.siteId,
        order: { source: "woocommerce", id: "727" },
        decision: { id: body.decision.id, amount: 13350 },
      },
    });
  });

  test("declining charges nothing and moves to the downsell", async () => {
    await start();
    const response = await decide(
      harness,
      session.id,
      session.secret,
      { offer: shop.offers.tank, action: "decline" },
      "key-decline",
    );
    const body = DecisionResponse.parse(await response.json());
    expect(body.decision).toMatchObject({ action: "decline", status: "declined", amount: 0 });
    expect(body.decision.payment).toBeUndefined();
    expect(body.next).toMatchObject({ id: shop.offers.care, step: 2 });
    expect(await harness.store.payments.list(shop.siteId)).toEqual([]);
    expect((await harness.store.outbox.pending(shop.siteId))[0]?.type).toBe("offer.declined");
  });

  test("with manual payments the accepted offer is pending: the seller bills", async () => {
    await start("manual");
    const body = DecisionResponse.parse(await (await accept("key-manual-1")).json());
    expect(body.decision.payment).toEqual({ provider: "manual", status: "pending" });
  });

  test("the same Idempotency-Key replays the first answer and changes nothing", async () => {
    await start();
    const first = await (await accept("key-replay-1")).text();
    const again = await accept("key-replay-1");
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(first);
    expect(await harness.store.payments.list(shop.siteId)).toHaveLength(1);
    expect(await harness.store.outbox.pending(shop.siteId)).toHaveLength(1);
  });

  test("the same Idempotency-Key for another request is refused", async () => {
    await start();
    await accept("key-reused-1");
    const response = await accept("key-reused-1", { quantity: 2 });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { code: "idempotency_key_reused" } });
  });

  test("another key on a decided offer gets 409 with the existing decision", async () => {
    await start();
    const first = DecisionResponse.parse(await (await accept("key-first-1")).json());
    const response = await decide(
      harness,
      session.id,
      session.secret,
      { offer: shop.offers.tank, action: "decline" },
      "key-second",
    );
    expect(response.status).toBe(409);
    const body = await response.json();
    expect(body).toMatchObject({ error: { code: "already_decided" }, decision: first.decision });
  });

  test("50 concurrent accepts of one offer make exactly one decision, one charge and one event", async () => {
    await start();
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => accept(`key-race-${i}`)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const decisions = await Promise.all(responses.map((r) => r.json()));
    const ids = new Set(decisions.map((d: { decision: { id: string } }) => d.decision.id));
    expect(ids.size).toBe(1);
    expect(await harness.store.payments.list(shop.siteId)).toHaveLength(1);
    expect(await harness.store.outbox.pending(shop.siteId)).toHaveLength(1);
  });

  test("the price is the server's: a price in the request is refused, and so is a quantity above the limit", async () => {
    await start();
    const priced = await accept("key-priced-1", { price: 1 });
    expect(priced.status).toBe(400);
    expect(await priced.json()).toMatchObject({ error: { code: "invalid_request" } });
    const tooMany = await accept("key-toomany-1", { quantity: 3 });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({
      error: { code: "invalid_request", message: expect.stringContaining("quantity") },
    });
    expect(await harness.store.payments.list(shop.siteId)).toEqual([]);
  });

  test("an Idempotency-Key is required", async () => {
    await start();
    const response = await decide(
      harness,
      session.id,
      session.secret,
      { offer: shop.offers.tank, action: "accept" },
      "",
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: "invalid_request", message: expect.stringContaining("Idempotency-Key") },
    });
  });

  test("a wrong secret, another origin and an unknown session all get the claim's 404", async () => {
    await start();
    const attempts = [
      decide(
        harness,
        session.id,
        "A".repeat(43),
        { offer: shop.offers.tank, action: "accept" },
        "key-miss-1",
      ),
      decide(
        harness,
        session.id,
        session.secret,
        { offer: shop.offers.tank, action: "accept" },
        "key-miss-2",
        { origin: "https://evil.example" },
      ),
      decide(
        harness,
        "sess_unknownunknown",
        session.secret,
        { offer: shop.offers.tank, action: "accept" },
        "key-miss-3",
      ),
      decide(
        harness,
        session.id,
        session.secret,
        { offer: shop.offers.tank, action: "accept" },
        "key-miss-4",
        { authorization: "" },
      ),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: { code: "not_found", message: "There is no offer here." },
      });
    }
    expect(await harness.store.payments.list(shop.siteId)).toEqual([]);
  });

  test("an offer that is not the open one cannot be decided", async () => {
    await start();
    const response = await decide(
      harness,
      session.id,
      session.secret,
      { offer: shop.offers.food, action: "accept" },
      "key-notopen",
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
  });

  test("an offer past its window says it has expired", async () => {
    await start();
    harness.now += 30 * 60_000;
    const response = await accept("key-expired-1");
    expect(response.status).toBe(410);
    expect(await response.json()).toMatchObject({ error: { code: "offer_expired" } });
  });

  test("resuming after decisions never offers a decided offer again, and the funnel ends after three", async () => {
    await start();
    await accept("key-walk-1");
    const resumed = SessionResponse.parse(
      await (await claim(harness, { site: shop.siteId, order: woo, secret: session.secret })).json(),
    );
    expect(resumed.offer?.id).toBe(shop.offers.food);
    await decide(
      harness,
      session.id,
      session.secret,
      { offer: shop.offers.food, action: "decline" },
      "key-walk-2",
    );
    const done = SessionResponse.parse(
      await (await claim(harness, { site: shop.siteId, order: woo, secret: session.secret })).json(),
    );
    expect(done.offer).toBeNull();
    expect(
      (await harness.store.sessions.steps(session.id)).map((step) => [step.offerId, step.outcome]),
    ).toEqual([
      [shop.offers.tank, "accepted"],
      [shop.offers.food, "declined"],
    ]);
  });

  test("decisions beyond the per-IP limit get 429 with Retry-After, and nothing is decided", async () => {
    await harness.dispose();
    harness = await testApp(engine, { limits: { decisionsPerIp: 2 } });
    await start();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await accept(`key-limit-${i}`, { quantity: 9 })).status);
    expect(statuses).toEqual([400, 400, 429]);
    const limited = await accept("key-limit-ok");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await harness.store.payments.list(shop.siteId)).toEqual([]);
  });
});

/** Decisions that are right about money: exactly what was shown, only the winner charges, only a live order. */
describe.each(ENGINES)("decisions and money on %s", (engine) => {
  let harness: TestApp;
  let shop: Awaited<ReturnType<typeof seedShop>>;
  let offer: Offer;
  const send = (body: Record<string, unknown>, key: string) =>
    decide(harness, sessionId, BROWSER_SECRET, body, key);
  let sessionId: string;

  async function start(options: Parameters<typeof testApp>[1] = {}) {
    harness = await testApp(engine, options);
    shop = await seedShop(harness, { payments: "demo", webhookUrl: "http://127.0.0.1:9/hooks" });
    await paidOrder(harness, shop.siteId);
    const body = SessionResponse.parse(
      await (await claim(harness, { site: shop.siteId, order: woo })).json(),
    );
    sessionId = body.session.id;
    offer = body.offer as Offer;
  }
  afterEach(() => harness.dispose());

  /** The decision, its payment row and its event, as stored: they must always agree. */
  async function ledger() {
    const payments = await harness.store.payments.list(shop.siteId);
    const events = (await harness.store.outbox.pending(shop.siteId)).map((event) =>
      SellerEvent.parse(event.payload),
    );
    const decision = await harness.store.decisions.find(sessionId, { offerId: shop.offers.tank });
    return { payments, events, decision };
  }

  test("the decision, its payment and its event agree, and the provider's key is derived from the decision", async () => {
    await start();
    const answer = DecisionResponse.parse(
      await (await send({ offer: offer.id, action: "accept", quantity: 2 }, "key-agree")).json(),
    );
    const { payments, events, decision } = await ledger();
    expect(payments).toMatchObject([
      {
        idempotencyKey: `aquarium_${answer.decision.id}`,
        decisionId: answer.decision.id,
        amount: 13350,
        currency: "USD",
        status: "paid",
      },
    ]);
    expect(decision).toMatchObject({ id: answer.decision.id, quantity: 2, amount: 13350, settled: true });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "offer.accepted",
      version: 1,
      data: {
        order: { source: "woocommerce", id: "727", total: 2935, currency: "USD" },
        offer: {
          id: offer.id,
          price: 6675,
          product: { id: shop.products.tank, sku: "tank", name: "The tank" },
        },
        decision: {
          id: answer.decision.id,
          quantity: 2,
          amount: 13350,
          payment: { provider: "demo", status: "paid" },
        },
      },
    });
  });

  test("an offer whose price and product changed after it was shown is charged exactly as shown", async () => {
    await start();
    await harness.admin(`/sites/${shop.siteId}/products/${shop.products.tank}`, {
      method: "PATCH",
      json: { price: 99_999 },
    });
    await harness.admin(`/sites/${shop.siteId}/offers/${shop.offers.tank}`, {
      method: "PATCH",
      json: { productId: shop.products.care, discount: { type: "percent", value: 0 } },
    });
    const response = await send({ offer: offer.id, action: "accept", quantity: 2 }, "key-changed");
    expect(response.status).toBe(200);
    const answer = DecisionResponse.parse(await response.json());
    expect(answer.decision).toMatchObject({ amount: 2 * 6675, currency: "USD" });
    const { payments, events } = await ledger();
    expect(payments.map((payment) => payment.amount)).toEqual([13350]);
    expect(events[0]?.data.offer).toMatchObject({ product: { id: shop.products.tank }, price: 6675 });
  });

  test.each<[string, (h: TestApp, s: typeof shop) => Promise<unknown>]>([
    [
      "deactivated",
      (h, s) =>
        h.admin(`/sites/${s.siteId}/offers/${s.offers.tank}`, { method: "PATCH", json: { active: false } }),
    ],
    ["deleted", (h, s) => h.admin(`/sites/${s.siteId}/offers/${s.offers.tank}`, { method: "DELETE" })],
  ])(
    "an offer the seller %s after it was shown cannot be accepted: 409 offer_withdrawn, nothing charged or sent",
    async (_name, withdraw) => {
      await start();
      expect(((await withdraw(harness, shop)) as Response).ok).toBe(true);
      const response = await send({ offer: offer.id, action: "accept" }, "key-withdrawn");
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({ error: { code: "offer_withdrawn" } });
      const { payments, events, decision } = await ledger();
      expect([payments, events, decision]).toEqual([[], [], null]);
    },
  );

  test("a refund webhook after the claim ends the offer: the accept is refused, nothing charged or sent", async () => {
    await start();
    const order = JSON.parse(fixtureText("woocommerce/order.json"));
    const raw = JSON.stringify({
      ...order,
      status: "refunded",
      date_modified_gmt: new Date(harness.now).toISOString().slice(0, 19),
    });
    const hook = await harness.app.request(`/v1/hooks/woocommerce/${shop.siteId}`, {
      method: "POST",
      headers: wooHeaders(raw, { secret: shop.secrets.woocommerce, deliveryId: "d-refund" }),
      body: raw,
    });
    expect(await hook.json()).toMatchObject({ result: "stored" });
    const response = await send({ offer: offer.id, action: "accept" }, "key-refunded");
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: "order_not_paid" } });
    const { payments, events, decision } = await ledger();
    expect([payments, events, decision]).toEqual([[], [], null]);
  });

  test("racing accepts, declines and quantities with different keys: one decision, and only it is charged and told", async () => {
    await start();
    const variants = [
      { action: "accept", quantity: 1 },
      { action: "accept", quantity: 2 },
      { action: "decline" },
    ];
    const responses = await Promise.all(
      Array.from({ length: 45 }, (_, i) => send({ offer: offer.id, ...variants[i % 3] }, `key-mixed-${i}`)),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(44);
    const { payments, events, decision } = await ledger();
    expect(events).toHaveLength(1);
    expect(events[0]?.data.decision).toEqual(decision?.response.decision);
    if (decision?.action === "accept") {
      expect(payments).toMatchObject([{ decisionId: decision.id, amount: decision.amount, status: "paid" }]);
      expect(decision.amount).toBe(6675 * decision.quantity);
    } else {
      expect(payments).toEqual([]);
    }
  });

  test("a payment the provider refuses is recorded as failed, told to the seller, and moves to the downsell (provider fake)", async () => {
    const fake = fakeProvider({ status: "failed" });
    await start({ payments: fake.providers });
    const answer = DecisionResponse.parse(
      await (await send({ offer: offer.id, action: "accept" }, "key-failed")).json(),
    );
    expect(answer.decision.payment).toEqual({ provider: "demo", status: "failed" });
    expect(answer.next?.id).toBe(shop.offers.care);
    const { payments, events } = await ledger();
    expect(payments.map((payment) => payment.status)).toEqual(["failed"]);
    expect(events[0]?.data.decision.payment?.status).toBe("failed");
  });

  test("a provider that cannot be reached: 503 with Retry-After, the decision kept; the retry charges once (provider fake)", async () => {
    const fake = fakeProvider();
    await start({ payments: fake.providers });
    fake.failNext("unreachable");
    const first = await send({ offer: offer.id, action: "accept" }, "key-unreachable");
    expect(first.status).toBe(503);
    expect(first.headers.get("retry-after")).toBe("5");
    expect(await first.json()).toMatchObject({ error: { code: "unavailable" } });
    expect((await ledger()).decision).toMatchObject({ settled: false });
    expect((await ledger()).events).toEqual([]);
    const other = await send({ offer: offer.id, action: "decline" }, "key-other-racer");
    expect(other.status).toBe(409);

    const retry = await send({ offer: offer.id, action: "accept" }, "key-unreachable");
    expect(retry.status).toBe(200);
    expect(fake.charges()).toHaveLength(1);
    const { payments, events, decision } = await ledger();
    expect(decision).toMatchObject({ settled: true });
    expect(payments.map((payment) => payment.status)).toEqual(["paid"]);
    expect(events).toHaveLength(1);
  });
});

/** The use case alone: plain data in, data or a domain error out, no HTTP anywhere. */
describe.each(ENGINES)("the decide use case, without a server, on %s", (engine) => {
  test("accepts against the shown offer and answers the decision; a second request for the offer is already_decided", async () => {
    const harness = await testApp(engine);
    try {
      const shop = await seedShop(harness);
      await paidOrder(harness, shop.siteId);
      const claimed = SessionResponse.parse(
        await (await claim(harness, { site: shop.siteId, order: woo })).json(),
      );
      const deps = harness.useCases();
      const input = {
        sessionId: claimed.session.id,
        secret: BROWSER_SECRET,
        origin: ORIGIN,
        idempotencyKey: "key-usecase-1",
        request: { offer: shop.offers.tank, action: "accept" as const, quantity: 2 },
        now: harness.now,
      };
      const answer = await decideUseCase(deps, input);
      expect(answer.decision).toMatchObject({
        action: "accept",
        quantity: 2,
        amount: 13350,
        payment: { status: "paid" },
      });
      const again = await decideUseCase(deps, { ...input, idempotencyKey: "key-usecase-2" }).catch(
        (error: unknown) => error,
      );
      expect(again).toBeInstanceOf(AppError);
      expect(again).toMatchObject({ code: "already_decided", details: { decision: answer.decision } });
    } finally {
      await harness.dispose();
    }
  });
});
