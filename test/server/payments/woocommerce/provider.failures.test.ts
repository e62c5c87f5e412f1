import { afterEach, describe, expect, test } from "vitest";
import type { DecisionResponse } from "../../../../server/contract/index.ts";
import { ENGINES } from "../../../support/engines.ts";
import { wooBuyer } from "../../../support/woo-buyer.ts";
import { type WooShop, wooShop } from "../../../support/woo-shop.ts";

/**
 * When the shop cannot make the linked order, against the FAKE WooCommerce: the accept is answered with its
 * payment failed and the reason kept for the seller, the buyer moves on to the downsell, and nothing is left
 * half-made without a note on it.
 */
describe.each(ENGINES)("WooCommerce payments that cannot be made (fake WooCommerce) on %s", (engine) => {
  let world: WooShop;
  let buyer: ReturnType<typeof wooBuyer>;
  afterEach(() => world.close());

  async function claimedTank(options: Parameters<typeof wooShop>[1] = {}) {
    world = await wooShop(engine, options);
    buyer = wooBuyer(world);
    const order = await world.paidOrder();
    const session = await buyer.claim(order);
    expect(session.offer?.id).toBe(world.shop.offers.tank);
    return { order, session };
  }

  /** The accept failed plainly: the reason the seller reads, the downsell next, no order made at the shop. */
  async function expectFailedToDownsell(answer: DecisionResponse, reason: RegExp) {
    expect(answer.decision.payment).toMatchObject({ provider: "woocommerce", status: "failed" });
    expect(answer.decision.payment?.actionUrl).toBeUndefined();
    expect(answer.next?.id).toBe(world.shop.offers.care);
    expect((await buyer.payment())?.reference).toMatch(reason);
    const [told] = await buyer.events();
    expect(told?.type).toBe("offer.accepted");
    expect(told?.data.decision.payment?.status).toBe("failed");
  }

  test("the shop is down: the payment fails at once, plainly, and the buyer gets the downsell (fake WooCommerce)", async () => {
    const { session } = await claimedTank();
    await world.fake.down();
    const answer = await buyer.accepted(session, world.shop.offers.tank, "key-down-1");
    await expectFailedToDownsell(answer, /The shop could not be reached \(ECONNREFUSED\)/);
    await world.fake.up();
    expect(buyer.ordersCreated()).toHaveLength(0);
  });

  test("the shop refuses the site's key (401): the payment fails, saying so (fake WooCommerce)", async () => {
    const { session } = await claimedTank();
    world.fake.keys.clear();
    const answer = await buyer.accepted(session, world.shop.offers.tank, "key-refused-1");
    await expectFailedToDownsell(answer, /refused the site's WooCommerce REST API key \(401/);
    expect(buyer.ordersCreated()).toHaveLength(0);
  });

  test("the key was made read-only since: the order's creation is refused (401), the payment fails (fake WooCommerce)", async () => {
    const { session } = await claimedTank();
    for (const key of world.fake.keys.values()) key.permissions = "read";
    const answer = await buyer.accepted(session, world.shop.offers.tank, "key-readonly-1");
    await expectFailedToDownsell(answer, /Read\/Write/);
    expect(buyer.ordersCreated()).toHaveLength(1);
    expect(world.fake.orders.size).toBe(1); // only the buyer's own order
  });

  test("the shop's product has no SKU: the payment fails, naming the SKU to give it (fake WooCommerce)", async () => {
    const { session } = await claimedTank();
    world.products.tank.sku = "";
    const answer = await buyer.accepted(session, world.shop.offers.tank, "key-nosku-1");
    await expectFailedToDownsell(answer, /The shop has no product with the SKU "tank"/);
    expect(buyer.ordersCreated()).toHaveLength(0);
  });

  test("the shop's product is out of stock: the payment fails, saying so (fake WooCommerce)", async () => {
    const { session } = await claimedTank();
    world.products.tank.stock_status = "outofstock";
    const answer = await buyer.accepted(session, world.shop.offers.tank, "key-nostock-1");
    await expectFailedToDownsell(answer, /is out of stock/);
    expect(buyer.ordersCreated()).toHaveLength(0);
  });

  test("fewer left in stock than the buyer takes: the payment fails, saying how many are left (fake WooCommerce)", async () => {
    const { session } = await claimedTank();
    Object.assign(world.products.tank, { manage_stock: true, stock_quantity: 1, backorders_allowed: false });
    const answer = await buyer.accepted(session, world.shop.offers.tank, "key-fewleft-1", 2);
    await expectFailedToDownsell(answer, /has only 1 left in stock/);
  });

  test("the shop adds tax to the linked order: it is cancelled with a note saying why, and the payment fails; the buyer is never asked for more than shown (fake WooCommerce)", async () => {
    const { order, session } = await claimedTank({ taxRate: 0.2 });
    const answer = await buyer.accepted(session, world.shop.offers.tank, "key-taxed-1", 2);
    await expectFailedToDownsell(
      answer,
      /priced the linked order #\d+ at 160\.20 USD instead of the shown 133\.50 USD/,
    );
    const [linked] = buyer.linkedTo(order);
    expect(linked).toMatchObject({ status: "cancelled", total: "160.20" });
    const notes = buyer.notesOf(linked as { id: number });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain("Aquarium cancelled this order");
    expect(notes[0]).toContain("the buyer was shown 133.50 USD");
    // The cancellation's own webhook changes nothing: the payment had already failed.
    await world.deliver("order.updated", linked as object);
    expect((await buyer.events()).map((event) => event.type)).toEqual(["offer.accepted"]);
  });

  test("a shop answering 500 is tried again (503, Retry-After) while the buyer waits, and the retry makes the one linked order (fake WooCommerce)", async () => {
    const { order, session } = await claimedTank();
    world.fake.failNext("POST /orders", 500);
    const first = await buyer.accept(session, world.shop.offers.tank, "key-busy-1");
    expect(first.status).toBe(503);
    expect(first.headers.get("retry-after")).toBe("5");
    const answer = await buyer.accepted(session, world.shop.offers.tank, "key-busy-1");
    expect(answer.decision.payment?.status).toBe("requires_action");
    expect(buyer.linkedTo(order)).toHaveLength(1);
  });

  test("a shop that keeps answering 500 is waited for 15 seconds after the click, then the payment fails plainly (fake WooCommerce)", async () => {
    const { session } = await claimedTank();
    world.fake.failNext("POST /orders", 500);
    expect((await buyer.accept(session, world.shop.offers.tank, "key-busy-2")).status).toBe(503);
    world.harness.now += 16_000;
    world.fake.failNext("POST /orders", 502);
    const answer = await buyer.accepted(session, world.shop.offers.tank, "key-busy-2");
    await expectFailedToDownsell(answer, /answered 502.*for too long/);
  });

  test("the site has no WooCommerce connection: the payment fails, saying to set it (fake WooCommerce)", async () => {
    const { session } = await claimedTank();
    await world.harness.store.sites.setSecret(world.shop.siteId, "woocommerce-api", "", world.harness.now);
    const answer = await buyer.accepted(session, world.shop.offers.tank, "key-noconn-1");
    await expectFailedToDownsell(answer, /no WooCommerce connection/);
  });
});
