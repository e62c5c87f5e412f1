import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { type TestApp, testApp } from "../../support/app.ts";
import { buyer } from "../../support/buyers.ts";
import { ENGINES } from "../../support/engines.ts";
import { ORDER_KEY, paidOrder, seedShop } from "../../support/shop.ts";

describe.each(ENGINES)("reading a session at once on %s", (engine) => {
  let harness: TestApp;
  let siteId: string;
  beforeEach(async () => {
    harness = await testApp(engine);
    siteId = (await seedShop(harness)).siteId;
  });
  afterEach(() => harness.dispose());

  test("a decision's read finds the session, its order and every step shown with its outcome, as the reads one by one do", async () => {
    // Declined, so the funnel's next offer is shown too: two steps, one decided.
    const sessionId = await buyer(harness, siteId, { id: "727", key: ORDER_KEY, actions: ["decline"] });
    const session = await harness.store.sessions.get(sessionId);
    if (!session) throw new Error("the buyer has a session");
    const steps = await harness.store.sessions.steps(sessionId);
    expect(steps.map((step) => step.outcome)).toEqual(["declined", null]);
    expect(await harness.store.sessions.access(sessionId)).toEqual({
      session,
      order: await harness.store.sessions.order(session),
      steps,
    });
    expect(await harness.store.sessions.access("sess_nobody")).toBeNull();
  });

  test("a claim coming back finds its session and steps as they are, and binds nothing new", async () => {
    const sessionId = await buyer(harness, siteId, { id: "727", key: ORDER_KEY, actions: ["decline"] });
    const session = await harness.store.sessions.get(sessionId);
    if (!session) throw new Error("the buyer has a session");
    const again = await harness.store.sessions.claim(
      { siteId, orderId: session.orderId, secretHash: "another browser's", expiresAt: session.expiresAt + 1 },
      harness.now,
    );
    expect(again).toEqual({ session, created: false, steps: await harness.store.sessions.steps(sessionId) });
  });
  test("an order named by its platform's id comes with its session and steps once claimed, in one read", async () => {
    expect(await harness.store.sessions.ofReference(siteId, "woocommerce", "727")).toBeNull();
    await paidOrder(harness, siteId);
    const before = await harness.store.sessions.ofReference(siteId, "woocommerce", "727");
    expect(before?.order).toEqual(await harness.store.orders.find(siteId, "woocommerce", "727"));
    expect(before?.claimed).toBeNull();
    const sessionId = await buyer(harness, siteId, { id: "728", key: ORDER_KEY, actions: ["decline"] });
    const after = await harness.store.sessions.ofReference(siteId, "woocommerce", "728");
    expect(after?.claimed).toEqual({
      session: await harness.store.sessions.get(sessionId),
      steps: await harness.store.sessions.steps(sessionId),
    });
  });
});
