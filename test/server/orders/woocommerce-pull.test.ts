import { afterEach, describe, expect, test } from "vitest";
import { ENGINES } from "../../support/engines.ts";
import { wooBuyer } from "../../support/woo-buyer.ts";
import { type WooShop, wooShop } from "../../support/woo-shop.ts";

/**
 * A thank-you page reached before the shop's webhook: the claim reads the order from WooCommerce with the
 * site's connection (the FAKE WooCommerce), instead of waiting.
 */
describe.each(ENGINES)("claims pulling WooCommerce orders (fake WooCommerce) on %s", (engine) => {
  let world: WooShop;
  let buyer: ReturnType<typeof wooBuyer>;
  afterEach(() => world.close());

  async function start() {
    // Many claims from one test client: its own limits (sessions/limits.ts) are not what is shown here.
    world = await wooShop(engine, { env: { RATE_LIMIT_PER_MINUTE: "1000" } });
    buyer = wooBuyer(world);
  }
  const reads = (id: number) =>
    world.fake.calls.filter((call) => call.method === "GET" && call.path === `/orders/${id}`).length;

  test("a paid order whose webhook has not come yet is read from the shop, registered, and gets its offer; accepted, it is paid like any other (fake WooCommerce)", async () => {
    await start();
    const early = await world.paidOrder({ deliver: false });
    const session = await buyer.claim(early);
    expect(session.status).toBe(201);
    expect(session.offer?.id).toBe(world.shop.offers.tank);
    expect(reads(early.id)).toBe(1);
    const stored = await world.harness.store.orders.find(world.shop.siteId, "woocommerce", String(early.id));
    expect(stored).toMatchObject({ status: "paid", total: 600, currency: "USD" });
    const answer = await buyer.accepted(session, world.shop.offers.tank, "key-pulled-1");
    expect(answer.decision.payment?.status).toBe("requires_action");
    // The webhook, when it comes, finds the order there: nothing changes.
    expect(await (await world.deliver("order.created", early)).json()).toMatchObject({ result: "stored" });
    expect((await buyer.claim(early, session.secret)).status).toBe(200);
  });

  test("a wrong key is a miss, the order not registered; the buyer's right key is not held back by it (fake WooCommerce)", async () => {
    await start();
    const early = await world.paidOrder({ deliver: false });
    expect((await buyer.claim({ id: early.id, order_key: "wc_order_notthekey01" })).status).toBe(404);
    expect(
      await world.harness.store.orders.find(world.shop.siteId, "woocommerce", String(early.id)),
    ).toBeNull();
    expect((await buyer.claim(early)).status).toBe(201);
  });

  test("an order not paid yet is a miss, asked for once in 30 seconds, then read again (fake WooCommerce)", async () => {
    await start();
    const early = await world.paidOrder({ deliver: false });
    early.status = "on-hold";
    expect((await buyer.claim(early)).status).toBe(404);
    expect((await buyer.claim(early)).status).toBe(404);
    expect(reads(early.id)).toBe(1);
    early.status = "processing";
    world.harness.now += 31_000;
    expect((await buyer.claim(early)).status).toBe(201);
    expect(reads(early.id)).toBe(2);
  });

  test("an order the shop does not have, or a shop that is down, is a miss (fake WooCommerce)", async () => {
    await start();
    expect((await buyer.claim({ id: 999_999, order_key: "wc_order_nosuchorder1" })).status).toBe(404);
    const early = await world.paidOrder({ deliver: false });
    await world.fake.down();
    expect((await buyer.claim(early)).status).toBe(404);
    await world.fake.up();
  });

  test("a site pulls at most 60 orders a minute: claims for made-up orders cannot hammer its shop (fake WooCommerce)", async () => {
    await start();
    for (let id = 1; id <= 61; id++)
      expect((await buyer.claim({ id, order_key: `wc_order_madeup${id}` })).status).toBe(404);
    expect(
      world.fake.calls.filter((call) => call.method === "GET" && call.path.startsWith("/orders/")).length,
    ).toBe(60);
  });

  test("a site without a WooCommerce connection reads nothing: the claim waits for the webhook (fake WooCommerce)", async () => {
    await start();
    await world.harness.store.sites.setSecret(world.shop.siteId, "woocommerce-api", "", world.harness.now);
    const early = await world.paidOrder({ deliver: false });
    expect((await buyer.claim(early)).status).toBe(404);
    expect(reads(early.id)).toBe(0);
  });
});
