import { afterEach, describe, expect, test } from "vitest";
import { DecisionResponse, SellerEvent, SessionResponse } from "../../../../server/contract/index.ts";
import { ENGINES } from "../../../support/engines.ts";
import { CARDS } from "../../../support/fake-stripe.ts";
import { browserSecret, ORIGIN } from "../../../support/shop.ts";
import { stripeShop } from "../../../support/stripe-shop.ts";

/** Accepting offers paid with Stripe, against the FAKE Stripe, through the server's real Stripe SDK. */
describe.each(ENGINES)("Stripe payments (fake Stripe) on %s", (engine) => {
  let world: Awaited<ReturnType<typeof stripeShop>>;
  afterEach(() => world.close());

  async function claimed(checkoutSession: string) {
    const secret = browserSecret();
    const response = await world.harness.app.request("/v1/sessions", {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN },
      body: JSON.stringify({ site: world.shop.siteId, order: { source: "stripe", checkoutSession }, secret }),
    });
    const body = SessionResponse.parse(await response.json());
    return { id: body.session.id, secret, offer: body.offer, status: response.status };
  }
  const accept = (session: { id: string; secret: string }, offer: string, key: string, quantity = 1) =>
    world.harness.app.request(`/v1/sessions/${session.id}/decisions`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: ORIGIN,
        authorization: `Bearer ${session.secret}`,
        "idempotency-key": key,
      },
      body: JSON.stringify({ offer, action: "accept", quantity, returnTo: `${ORIGIN}/thanks?session_id=x` }),
    });
  const events = async () =>
    (await world.harness.store.outbox.pending(world.shop.siteId)).map((event) =>
      SellerEvent.parse(event.payload),
    );
  const intentsCreated = () =>
    world.fake.calls.filter((call) => call.method === "POST" && call.path === "/v1/payment_intents");

  test("a saved card is charged in one click: exactly the shown price × quantity, off-session, keyed by the decision", async () => {
    world = await stripeShop(engine);
    const order = await world.paidOrder({ saved: true });
    const session = await claimed(order.id);
    expect(session.offer?.id).toBe(world.shop.offers.tank);
    const answer = DecisionResponse.parse(
      await (await accept(session, world.shop.offers.tank, "key-saved-1", 2)).json(),
    );
    expect(answer.decision).toMatchObject({ amount: 13350, payment: { provider: "stripe", status: "paid" } });
    const [call] = intentsCreated();
    expect(call?.idempotencyKey).toBe(`aquarium_${answer.decision.id}`);
    expect(call?.params).toMatchObject({
      amount: "13350",
      currency: "usd",
      customer: order.customer,
      payment_method: CARDS.succeeds,
      off_session: "true",
      confirm: "true",
      metadata: {
        aquarium_site: world.shop.siteId,
        aquarium_order: order.id,
        aquarium_offer: world.shop.offers.tank,
        aquarium_decision: answer.decision.id,
      },
    });
    const [payment] = await world.harness.store.payments.list(world.shop.siteId);
    expect(payment).toMatchObject({
      status: "paid",
      amount: 13350,
      providerPayment: expect.stringMatching(/^pi_/),
    });
    // The seller's event tells the payment; nothing of the buyer's card or customer reaches it.
    const [told] = await events();
    expect(told?.type).toBe("offer.accepted");
    expect(JSON.stringify(told)).not.toContain(String(order.customer));
  });

  test("the bank asks: the buyer confirms on the bank's page through this server, and comes back to the thank-you page paid", async () => {
    world = await stripeShop(engine);
    const order = await world.paidOrder({ card: CARDS.authenticationRequired, saved: true });
    const session = await claimed(order.id);
    const answer = DecisionResponse.parse(
      await (await accept(session, world.shop.offers.tank, "key-3ds-1")).json(),
    );
    expect(answer.decision.payment).toMatchObject({
      status: "requires_action",
      actionUrl: expect.stringContaining("/v1/payments/"),
    });
    const confirmUrl = new URL(answer.decision.payment?.actionUrl as string);
    expect(confirmUrl.search).not.toMatch(/6675|amount|price/);

    const toBank = await world.harness.app.request(`${confirmUrl.pathname}${confirmUrl.search}`);
    expect(toBank.status).toBe(303);
    const bank = new URL(toBank.headers.get("location") as string);
    expect(bank.origin).toBe(world.fake.url);
    // The same PaymentIntent was confirmed again, on-session, with the way back to this server.
    const confirm = world.fake.calls.find((call) => call.path.endsWith("/confirm"));
    expect(confirm?.path).toBe(
      `/v1/payment_intents/${(await world.harness.store.payments.list(world.shop.siteId))[0]?.providerPayment}/confirm`,
    );
    expect(String(confirm?.params.return_url)).toContain(`/v1/payments/${answer.decision.id}/return?sig=`);

    const approved = await fetch(bank, {
      method: "POST",
      body: new URLSearchParams({ answer: "approve" }),
      redirect: "manual",
    });
    const back = new URL(approved.headers.get("location") as string);
    const home = await world.harness.app.request(`${back.pathname}${back.search}`);
    expect(home.status).toBe(303);
    expect(home.headers.get("location")).toBe(`${ORIGIN}/thanks?session_id=x`);
    expect((await world.harness.store.payments.list(world.shop.siteId))[0]?.status).toBe("paid");
    expect((await events()).map((event) => event.type)).toEqual(["offer.accepted", "offer.paid"]);
    expect(intentsCreated()).toHaveLength(1);
  });

  test("a confirmation link that is not this payment's own is refused, and nothing moves", async () => {
    world = await stripeShop(engine);
    const order = await world.paidOrder({ card: CARDS.authenticationRequired, saved: true });
    const session = await claimed(order.id);
    const answer = DecisionResponse.parse(
      await (await accept(session, world.shop.offers.tank, "key-3ds-2")).json(),
    );
    const forged = await world.harness.app.request(
      `/v1/payments/${answer.decision.id}/return?sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`,
    );
    expect(forged.status).toBe(404);
    expect((await world.harness.store.payments.list(world.shop.siteId))[0]?.status).toBe("requires_action");
  });

  test("no saved card: a single-use pay link for exactly this offer, and its QR code; paid there, the payment is paid and no new order appears", async () => {
    world = await stripeShop(engine);
    const order = await world.paidOrder({ saved: false });
    const session = await claimed(order.id);
    const answer = DecisionResponse.parse(
      await (await accept(session, world.shop.offers.tank, "key-link-1", 2)).json(),
    );
    expect(answer.decision.payment).toMatchObject({
      status: "requires_action",
      actionUrl: expect.stringContaining(`${world.fake.url}/checkout/cs_test_`),
    });
    expect(answer.decision.payment?.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const made = world.fake.calls.find((call) => call.path === "/v1/checkout/sessions");
    expect(made?.idempotencyKey).toBe(`aquarium_${answer.decision.id}`);
    expect(made?.params).toMatchObject({
      mode: "payment",
      line_items: [{ price_data: { currency: "usd", unit_amount: "6675" }, quantity: "2" }],
      metadata: { aquarium_decision: answer.decision.id },
    });
    // It lasts at least as long as Stripe allows (30 minutes), and no less than the offer's window.
    expect(Number(made?.params.expires_at) * 1000 - Date.now()).toBeGreaterThanOrEqual(30 * 60_000);

    world.fake.onEvent = async (event) => {
      await world.deliver(event);
    };
    const page = new URL(answer.decision.payment?.actionUrl as string);
    await fetch(page, { method: "POST", body: new URLSearchParams({ answer: "pay" }), redirect: "manual" });
    expect((await world.harness.store.payments.list(world.shop.siteId))[0]?.status).toBe("paid");
    expect((await events()).map((event) => event.type)).toEqual(["offer.accepted", "offer.paid"]);
    const paidLink = await world.harness.store.orders.find(
      world.shop.siteId,
      "stripe",
      (made ? page.pathname.split("/").pop() : "") as string,
    );
    expect(paidLink).toBeNull();
  });

  test.each([
    ["declined", CARDS.declined],
    ["declined for insufficient funds", CARDS.insufficientFunds],
  ])(
    "a card %s: the payment failed, the seller is told, and the funnel moves to the downsell",
    async (_name, card) => {
      world = await stripeShop(engine);
      const order = await world.paidOrder({ card, saved: true });
      const session = await claimed(order.id);
      const answer = DecisionResponse.parse(
        await (await accept(session, world.shop.offers.tank, "key-declined-1")).json(),
      );
      expect(answer.decision.payment).toMatchObject({ status: "failed" });
      expect(answer.next?.id).toBe(world.shop.offers.care);
      const [told] = await events();
      expect(told?.data.decision.payment?.status).toBe("failed");
    },
  );

  test("racing accepts of one offer make one PaymentIntent", async () => {
    world = await stripeShop(engine);
    const order = await world.paidOrder({ saved: true });
    const session = await claimed(order.id);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => accept(session, world.shop.offers.tank, `key-race-${i}`)),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(intentsCreated()).toHaveLength(1);
    expect(await world.harness.store.payments.list(world.shop.siteId)).toHaveLength(1);
  });

  test("refunds in part then in full move the payment to refunded with the amount, once per refund however often Stripe says it", async () => {
    world = await stripeShop(engine);
    const order = await world.paidOrder({ saved: true });
    const session = await claimed(order.id);
    await accept(session, world.shop.offers.tank, "key-refund-1");
    const [payment] = await world.harness.store.payments.list(world.shop.siteId);
    const partly = world.fake.event(
      "charge.refunded",
      world.fake.refund(payment?.providerPayment as string, 1000),
    );
    for (let i = 0; i < 2; i++) await world.deliver(partly);
    expect((await world.harness.store.payments.list(world.shop.siteId))[0]).toMatchObject({
      status: "refunded",
      refunded: 1000,
    });
    await world.deliver(
      world.fake.event("charge.refunded", world.fake.refund(payment?.providerPayment as string, 5675)),
    );
    expect((await world.harness.store.payments.list(world.shop.siteId))[0]).toMatchObject({
      status: "refunded",
      refunded: 6675,
    });
    const told = await events();
    expect(told.map((event) => event.type)).toEqual(["offer.accepted", "offer.refunded", "offer.refunded"]);
    expect(told.map((event) => event.data.decision.payment?.refunded)).toEqual([undefined, 1000, 6675]);
  });

  test("a refund of the order itself ends its offers: the accept is refused and nothing is charged", async () => {
    world = await stripeShop(engine);
    const order = await world.paidOrder({ saved: true });
    const session = await claimed(order.id);
    await world.deliver(
      world.fake.event("charge.refunded", world.fake.refund(order.payment_intent as string, 300)),
    );
    const refused = await accept(session, world.shop.offers.tank, "key-ended-1");
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: "order_not_paid" } });
    expect(intentsCreated()).toHaveLength(0);
  });

  test("a claim for a Checkout Session whose webhook has not come yet reads it from Stripe, and gets the offer; a session that is not paid stays a miss, asked for once", async () => {
    world = await stripeShop(engine);
    const early = await world.paidOrder({ saved: true, deliver: false });
    const session = await claimed(early.id);
    expect(session.status).toBe(201);
    expect(session.offer?.id).toBe(world.shop.offers.tank);
    // The card was learnt too: one click works.
    const answer = DecisionResponse.parse(
      await (await accept(session, world.shop.offers.tank, "key-pulled-1")).json(),
    );
    expect(answer.decision.payment?.status).toBe("paid");

    const reads = () =>
      world.fake.calls.filter((call) => call.path === "/v1/checkout/sessions/cs_test_unknownunknown1").length;
    expect((await claimed("cs_test_unknownunknown1").catch(() => null))?.status ?? 404).not.toBe(201);
    await claimed("cs_test_unknownunknown1").catch(() => null);
    expect(reads()).toBe(1);
  });

  test("a site without its Stripe key: the accept's payment fails plainly, nothing is charged", async () => {
    world = await stripeShop(engine);
    const order = await world.paidOrder({ saved: true });
    const session = await claimed(order.id);
    world.fake.keys.clear();
    const answer = DecisionResponse.parse(
      await (await accept(session, world.shop.offers.tank, "key-nokey-1")).json(),
    );
    expect(answer.decision.payment?.status).toBe("failed");
    expect(intentsCreated()).toHaveLength(1);
    expect((await world.harness.store.payments.list(world.shop.siteId))[0]?.reference).toContain(
      "refused the site's key",
    );
  });
});
