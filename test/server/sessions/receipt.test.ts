import { afterEach, describe, expect, test } from "vitest";
import { DecisionResponse, SessionResponse } from "../../../server/contract/index.ts";
import { ENGINES } from "../../support/engines.ts";
import { CARDS } from "../../support/fake-stripe.ts";
import { browserSecret, ORIGIN } from "../../support/shop.ts";
import { stripeShop } from "../../support/stripe-shop.ts";

/** The receipt a claim brings back after a reload: what was added, with its payment as it stands now. */
describe.each(ENGINES)("a session's receipt (fake Stripe) on %s", (engine) => {
  let world: Awaited<ReturnType<typeof stripeShop>>;
  afterEach(() => world.close());

  const secret = browserSecret();
  async function claim(checkoutSession: string) {
    const response = await world.harness.app.request("/v1/sessions", {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN },
      body: JSON.stringify({ site: world.shop.siteId, order: { source: "stripe", checkoutSession }, secret }),
    });
    return SessionResponse.parse(await response.json());
  }
  async function decide(sessionId: string, offer: string, action: "accept" | "decline", key: string) {
    const response = await world.harness.app.request(`/v1/sessions/${sessionId}/decisions`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: ORIGIN,
        authorization: `Bearer ${secret}`,
        "idempotency-key": key,
      },
      body: JSON.stringify({ offer, action, quantity: 1, returnTo: `${ORIGIN}/thanks` }),
    });
    return DecisionResponse.parse(await response.json());
  }

  test("a first claim has no receipt, and a decline adds nothing to it", async () => {
    world = await stripeShop(engine);
    const order = await world.paidOrder({ saved: true });
    const first = await claim(order.id);
    expect(first.receipt).toBeUndefined();
    await decide(first.session.id, world.shop.offers.tank, "decline", "receipt-decline");
    expect((await claim(order.id)).receipt).toBeUndefined();
  });

  test("a paid accept comes back with the offer's title, its amount and Paid", async () => {
    world = await stripeShop(engine);
    const order = await world.paidOrder({ saved: true });
    const { session } = await claim(order.id);
    const accepted = await decide(session.id, world.shop.offers.tank, "accept", "receipt-paid");
    const { receipt } = await claim(order.id);
    expect(receipt).toEqual([
      expect.objectContaining({
        id: accepted.decision.id,
        title: "The tank",
        amount: 6675,
        currency: "USD",
        payment: { provider: "stripe", status: "paid" },
      }),
    ]);
  });

  test("a payment the bank must confirm keeps its link until the provider says it is paid, then says Paid without it; a refund says how much", async () => {
    world = await stripeShop(engine);
    const order = await world.paidOrder({ card: CARDS.authenticationRequired, saved: true });
    const { session } = await claim(order.id);
    const accepted = await decide(session.id, world.shop.offers.tank, "accept", "receipt-3ds");
    const link = accepted.decision.payment?.actionUrl;
    expect(link).toContain("/v1/payments/");
    expect((await claim(order.id)).receipt?.[0]?.payment).toEqual({
      provider: "stripe",
      status: "requires_action",
      actionUrl: link,
    });

    // The buyer confirms with the bank on the provider's page; the provider's word moves the payment.
    const toBank = await world.harness.app.request(
      new URL(link as string).pathname + new URL(link as string).search,
    );
    const bank = new URL(toBank.headers.get("location") as string);
    const approved = await fetch(bank, {
      method: "POST",
      body: new URLSearchParams({ answer: "approve" }),
      redirect: "manual",
    });
    const back = new URL(approved.headers.get("location") as string);
    await world.harness.app.request(`${back.pathname}${back.search}`);
    expect((await claim(order.id)).receipt?.[0]?.payment).toEqual({ provider: "stripe", status: "paid" });

    const [payment] = await world.harness.store.payments.list(world.shop.siteId);
    await world.deliver(
      world.fake.event("charge.refunded", world.fake.refund(payment?.providerPayment as string, 1000)),
    );
    expect((await claim(order.id)).receipt?.[0]?.payment).toEqual({
      provider: "stripe",
      status: "refunded",
      refunded: 1000,
    });
  });
});
