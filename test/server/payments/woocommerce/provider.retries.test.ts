import { afterEach, describe, expect, test } from "vitest";
import { settlementRecovery } from "../../../../server/sessions/recovery.ts";
import { ENGINES } from "../../../support/engines.ts";
import { wooBuyer } from "../../../support/woo-buyer.ts";
import { type WooShop, wooShop } from "../../../support/woo-shop.ts";

/**
 * WooCommerce has no idempotency keys: one decision must still make one linked order, whatever is retried,
 * crashes or races, against the FAKE WooCommerce.
 */
describe.each(ENGINES)("one linked order per decision (fake WooCommerce) on %s", (engine) => {
  let world: WooShop;
  let buyer: ReturnType<typeof wooBuyer>;
  afterEach(() => world.close());

  async function claimedTank() {
    world = await wooShop(engine, { file: true });
    buyer = wooBuyer(world);
    const order = await world.paidOrder();
    const session = await buyer.claim(order);
    return { order, session };
  }

  test("the shop made the linked order but its answer was lost, then the server crashed: the buyer's retry finds that order and makes no second (fake WooCommerce)", async () => {
    const { order, session } = await claimedTank();
    world.fake.loseNextAnswer("POST /orders");
    expect((await buyer.accept(session, world.shop.offers.tank, "key-lost-1")).status).toBe(503);
    expect(buyer.linkedTo(order)).toHaveLength(1);
    await world.harness.restart();

    const answer = await buyer.accepted(session, world.shop.offers.tank, "key-lost-1");
    const [linked] = buyer.linkedTo(order);
    expect(buyer.ordersCreated()).toHaveLength(1);
    expect(answer.decision.payment).toMatchObject({
      status: "requires_action",
      actionUrl: expect.stringContaining(`/checkout/order-pay/${linked?.id}/`),
    });
    // The note the lost attempt could not write is written now: nothing is left unexplained.
    expect(buyer.notesOf(linked as { id: number })).toHaveLength(1);
  });

  test("the buyer gone after the lost answer: the recovery pass settles the decision with the order that was made (fake WooCommerce)", async () => {
    const { order, session } = await claimedTank();
    world.fake.loseNextAnswer("POST /orders");
    expect((await buyer.accept(session, world.shop.offers.tank, "key-lost-2")).status).toBe(503);
    await world.harness.restart();
    world.harness.now += 31_000;
    expect(await settlementRecovery(world.harness.deps()).runOnce()).toBe(1);
    expect(buyer.ordersCreated()).toHaveLength(1);
    expect(await buyer.payment()).toMatchObject({
      status: "requires_action",
      reference: String(buyer.linkedTo(order)[0]?.id),
    });
  });

  test("two processes settling one decision at once keep one payable linked order: a second one made meanwhile is cancelled with a note (fake WooCommerce)", async () => {
    const { order, session } = await claimedTank();
    world.fake.failNext("POST /orders", 503);
    expect((await buyer.accept(session, world.shop.offers.tank, "key-race-1")).status).toBe(503);
    world.harness.now += 31_000;
    // Two recovery passes, as two processes run them: each with its own provider, nothing shared in memory.
    const settled = await Promise.all([
      settlementRecovery(world.harness.deps()).runOnce(),
      settlementRecovery(world.harness.deps()).runOnce(),
    ]);
    expect(settled.reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(1);

    const linked = buyer.linkedTo(order);
    const payable = linked.filter((candidate) => candidate.status === "pending");
    expect(payable).toHaveLength(1);
    const [kept] = payable;
    expect(kept?.id).toBe(Math.min(...linked.map((candidate) => candidate.id)));
    for (const extra of linked.filter((candidate) => candidate !== kept)) {
      expect(extra.status).toBe("cancelled");
      expect(buyer.notesOf(extra).join("\n")).toContain(`it repeats order #${kept?.id}`);
    }
    expect(await buyer.payment()).toMatchObject({ status: "requires_action", reference: String(kept?.id) });
  });
});
