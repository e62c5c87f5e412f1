import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { NewDecision } from "../../../server/domain.ts";
import { type TestApp, testApp } from "../../support/app.ts";
import { buyer } from "../../support/buyers.ts";
import { ENGINES } from "../../support/engines.ts";
import { ORDER_KEY, seedShop } from "../../support/shop.ts";

/** An accept of the session's open offer, as decide.ts would record it (its answer, its pending payment). */
function accept(sessionId: string, siteId: string, offerId: string, id: string, key: string): NewDecision {
  const decision = {
    id,
    offer: offerId,
    action: "accept" as const,
    status: "accepted" as const,
    quantity: 1,
    amount: 6675,
    currency: "EUR",
    payment: { provider: "demo" as const, status: "pending" as const },
  };
  return {
    id,
    sessionId,
    siteId,
    offerId,
    action: "accept",
    quantity: 1,
    amount: 6675,
    currency: "EUR",
    idempotencyKey: key,
    requestHash: "hash",
    response: { decision, next: null },
    payment: { provider: "demo", key: `aquarium_${id}`, returnTo: null, instrument: null },
    next: null,
    event: null,
  };
}

describe.each(ENGINES)("the decisions store on %s", (engine) => {
  let harness: TestApp;
  let siteId: string;
  let sessionId: string;
  let offerId: string;

  beforeEach(async () => {
    harness = await testApp(engine);
    siteId = (await seedShop(harness)).siteId;
    sessionId = await buyer(harness, siteId, { id: "727", key: ORDER_KEY });
    const steps = await harness.store.sessions.steps(sessionId);
    offerId = steps[0]?.offerId ?? "";
  });
  afterEach(() => harness.dispose());

  test("a recorded and then settled decision is answered exactly as it is stored, without reading it back", async () => {
    const now = harness.now;
    const made = await harness.store.decisions.record(
      accept(sessionId, siteId, offerId, "dec_1", "key-1"),
      now,
    );
    if (made === "order_not_paid") throw new Error("the order is paid");
    expect(made.created).toBe(true);
    expect(made.decision).toEqual(await harness.store.decisions.get("dec_1"));
    const settled = await harness.store.decisions.settle(
      {
        decisionId: "dec_1",
        payment: { status: "paid", reference: "demo_dec_1", actionUrl: null, providerPayment: null },
        response: {
          decision: { ...made.decision.response.decision, payment: { provider: "demo", status: "paid" } },
          next: null,
        },
        next: null,
        event: { type: "offer.accepted", payload: { decision: "dec_1" } },
      },
      now + 5,
    );
    expect(settled.settled).toBe(true);
    expect(settled).toEqual(await harness.store.decisions.get("dec_1"));
  });

  test("a racer's decision is answered with the winner's; a second settlement leaves the first standing", async () => {
    const now = harness.now;
    const [first, second] = await Promise.all([
      harness.store.decisions.record(accept(sessionId, siteId, offerId, "dec_a", "key-a"), now),
      harness.store.decisions.record(accept(sessionId, siteId, offerId, "dec_b", "key-b"), now),
    ]);
    if (first === "order_not_paid" || second === "order_not_paid") throw new Error("the order is paid");
    expect([first.created, second.created].sort()).toEqual([false, true]);
    const winner = first.created ? first.decision : second.decision;
    expect(first.decision).toEqual(winner);
    expect(second.decision).toEqual(winner);
    const payment = (status: "paid" | "failed") => ({
      decisionId: winner.id,
      payment: { status, reference: status, actionUrl: null, providerPayment: null },
      response: winner.response,
      next: null,
      event: { type: "offer.accepted", payload: { status } },
    });
    await harness.store.decisions.settle(payment("paid"), now + 1);
    const again = await harness.store.decisions.settle(payment("failed"), now + 2);
    expect(again).toEqual(await harness.store.decisions.get(winner.id));
    expect((await harness.store.payments.find(siteId, { decisionId: winner.id }))?.status).toBe("paid");
  });

  test("the decision a request repeats is found by its key first, else the one made for its offer", async () => {
    const made = await harness.store.decisions.record(
      accept(sessionId, siteId, offerId, "dec_k", "key-k"),
      harness.now,
    );
    if (made === "order_not_paid") throw new Error("the order is paid");
    const ofKey = await harness.store.decisions.forRequest(sessionId, {
      idempotencyKey: "key-k",
      offerId: "off_other",
    });
    const ofOffer = await harness.store.decisions.forRequest(sessionId, {
      idempotencyKey: "key-new",
      offerId,
    });
    const none = await harness.store.decisions.forRequest(sessionId, {
      idempotencyKey: "key-new",
      offerId: "off_other",
    });
    expect(ofKey?.id).toBe("dec_k");
    expect(ofOffer?.id).toBe("dec_k");
    expect(none).toBeNull();
  });
});
