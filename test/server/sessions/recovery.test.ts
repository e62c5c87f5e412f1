import { afterEach, describe, expect, test } from "vitest";
import { type Offer, SellerEvent, SessionResponse } from "../../../server/contract/index.ts";
import { settlementRecovery } from "../../../server/sessions/recovery.ts";
import { type TestApp, testApp } from "../../support/app.ts";
import { ENGINES } from "../../support/engines.ts";
import { fakeProvider } from "../../support/payments.ts";
import { BROWSER_SECRET, claim, decide, ORDER_KEY, paidOrder, seedShop } from "../../support/shop.ts";

const woo = { source: "woocommerce", id: "727", key: ORDER_KEY };

/** Accepts whose charge was left in flight (a crash, a provider that hung up) are settled once, never twice. */
describe.each(ENGINES)("settling accepts left in flight on %s", (engine) => {
  let harness: TestApp;
  let fake: ReturnType<typeof fakeProvider>;
  let shop: Awaited<ReturnType<typeof seedShop>>;
  let sessionId: string;
  let offer: Offer;
  afterEach(() => harness.dispose());

  async function start() {
    fake = fakeProvider();
    harness = await testApp(engine, { payments: fake.providers, file: true });
    shop = await seedShop(harness, { payments: "demo", webhookUrl: "http://127.0.0.1:9/hooks" });
    await paidOrder(harness, shop.siteId);
    const body = SessionResponse.parse(
      await (await claim(harness, { site: shop.siteId, order: woo })).json(),
    );
    sessionId = body.session.id;
    offer = body.offer as Offer;
  }
  const recovery = () => settlementRecovery(harness.deps());
  const acceptOnce = () =>
    decide(harness, sessionId, BROWSER_SECRET, { offer: offer.id, action: "accept" }, "key-inflight");

  async function ledger() {
    return {
      payments: await harness.store.payments.list(shop.siteId),
      events: (await harness.store.outbox.pending(shop.siteId)).map((event) =>
        SellerEvent.parse(event.payload),
      ),
      decision: await harness.store.decisions.find(sessionId, { offerId: offer.id }),
    };
  }

  test.each([
    ["before the charge was made", "unreachable" as const],
    ["after the charge was made but before it was recorded", "answer-lost" as const],
  ])(
    "a crash %s: after a restart, the recovery pass charges exactly once and settles (provider fake)",
    async (_when, trouble) => {
      await start();
      fake.failNext(trouble);
      expect((await acceptOnce()).status).toBe(503);
      expect(fake.charges()).toHaveLength(trouble === "answer-lost" ? 1 : 0);
      await harness.restart();

      // Within the grace period the charge may still be in flight elsewhere: left alone.
      expect(await recovery().runOnce()).toBe(0);
      harness.now += 31_000;
      expect(await recovery().runOnce()).toBe(1);
      expect(await recovery().runOnce()).toBe(0);

      expect(fake.charges()).toHaveLength(1);
      expect(fake.charges()[0]).toMatchObject({ amount: 6675, currency: "USD" });
      const { payments, events, decision } = await ledger();
      expect(decision).toMatchObject({ settled: true, amount: 6675 });
      expect(payments).toMatchObject([{ decisionId: decision?.id, amount: 6675, status: "paid" }]);
      expect(events).toHaveLength(1);
      expect(events[0]?.data.decision).toMatchObject({
        id: decision?.id,
        amount: 6675,
        payment: { status: "paid" },
      });
      // The funnel moved on as the settled accept says: the next upsell is what a resumed page now shows.
      const resumed = SessionResponse.parse(
        await (await claim(harness, { site: shop.siteId, order: woo })).json(),
      );
      expect(resumed.offer?.id).toBe(shop.offers.food);
    },
  );

  test("the buyer's retry with the same key settles a charge left in flight, and the recovery pass finds nothing to do (provider fake)", async () => {
    await start();
    fake.failNext("answer-lost");
    expect((await acceptOnce()).status).toBe(503);
    const retry = await acceptOnce();
    expect(retry.status).toBe(200);
    harness.now += 31_000;
    expect(await recovery().runOnce()).toBe(0);
    expect(fake.charges()).toHaveLength(1);
    expect(fake.calls.map((call) => call.idempotencyKey)).toEqual([
      fake.charges()[0]?.idempotencyKey,
      fake.charges()[0]?.idempotencyKey,
    ]);
    expect((await ledger()).events).toHaveLength(1);
  });
});
