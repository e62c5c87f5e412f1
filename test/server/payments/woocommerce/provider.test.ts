import { afterEach, describe, expect, test } from "vitest";
import { ENGINES } from "../../../support/engines.ts";
import { wooBuyer } from "../../../support/woo-buyer.ts";
import { type WooShop, wooShop } from "../../../support/woo-shop.ts";

/**
 * Accepting offers paid through WooCommerce, against the FAKE WooCommerce (over HTTPS, with Basic
 * authentication as WooCommerce enforces it): the linked order, its order-pay page, and its webhooks.
 */
describe.each(ENGINES)("WooCommerce payments (fake WooCommerce) on %s", (engine) => {
  let world: WooShop;
  let buyer: ReturnType<typeof wooBuyer>;
  afterEach(() => world.close());

  async function acceptedTank(quantity = 2) {
    world = await wooShop(engine);
    buyer = wooBuyer(world);
    const order = await world.paidOrder();
    const session = await buyer.claim(order);
    expect(session.offer?.id).toBe(world.shop.offers.tank);
    const answer = await buyer.accepted(session, world.shop.offers.tank, "key-accept-1", quantity);
    const [linked] = buyer.linkedTo(order);
    if (!linked) throw new Error("no linked order was made");
    return { order, session, answer, linked };
  }

  test("an accepted offer becomes a pending WooCommerce order for the offered product by SKU, the quantity at exactly the shown price, the original's customer, addresses and currency, linked to it, with a note for the seller (fake WooCommerce)", async () => {
    const { order, answer, linked } = await acceptedTank(2);
    expect(answer.decision).toMatchObject({ amount: 13350, currency: "USD", quantity: 2 });
    const [created] = buyer.ordersCreated();
    expect(created?.body).toEqual({
      parent_id: order.id,
      status: "pending",
      set_paid: false,
      currency: "USD",
      customer_id: order.customer_id,
      billing: order.billing,
      shipping: order.shipping,
      line_items: [{ product_id: world.products.tank.id, quantity: 2, subtotal: "133.50", total: "133.50" }],
      meta_data: [
        { key: "aquarium_parent_order", value: String(order.id) },
        { key: "aquarium_decision", value: answer.decision.id },
      ],
    });
    expect(linked).toMatchObject({
      status: "pending",
      total: "133.50",
      currency: "USD",
      parent_id: order.id,
    });
    const notes = buyer.notesOf(linked);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(`order #${order.id}`);
    expect(notes[0]).toContain(answer.decision.id);
    expect(notes[0]).toContain("133.50 USD");
    expect(world.fake.notes.get(linked.id)?.[0]?.customer_note).toBe(false);
  });

  test("the decision asks the buyer to complete the payment on the linked order's own order-pay page, also as a QR code; the seller is told it is awaited (fake WooCommerce)", async () => {
    const { answer, linked } = await acceptedTank();
    expect(answer.decision.payment).toMatchObject({
      provider: "woocommerce",
      status: "requires_action",
      actionUrl: `${world.fake.url}/checkout/order-pay/${linked.id}/?pay_for_order=true&key=${linked.order_key}`,
    });
    expect(answer.decision.payment?.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    // Accepted: the funnel moves on to the next upsell while the payment is awaited.
    expect(answer.next?.id).toBe(world.shop.offers.food);
    expect(await buyer.payment()).toMatchObject({
      provider: "woocommerce",
      status: "requires_action",
      reference: String(linked.id),
      amount: 13350,
    });
    const [told] = await buyer.events();
    expect(told?.type).toBe("offer.accepted");
    expect(told?.data.decision.payment?.status).toBe("requires_action");
  });

  test("paid on the shop's order-pay page: its webhook, however often delivered, makes the payment paid and tells the seller once; the stats count it (fake WooCommerce)", async () => {
    const { answer, linked } = await acceptedTank();
    const page = await world.visit(answer.decision.payment?.actionUrl as string);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("133.50 USD");
    const paid = await world.visit(answer.decision.payment?.actionUrl as string, { method: "POST" });
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(
      `${world.fake.url}/checkout/order-received/${linked.id}/?key=${linked.order_key}`,
    );
    expect(await buyer.payment()).toMatchObject({ status: "paid" });

    // WooCommerce retries a delivery it thinks failed, and sends order.updated again on any later change.
    expect((await world.deliver("order.updated", linked, "wc-delivery-again")).status).toBe(200);
    expect((await world.deliver("order.updated", linked, "wc-delivery-again")).status).toBe(200);
    expect((await buyer.events()).map((event) => event.type)).toEqual(["offer.accepted", "offer.paid"]);

    const today = new Date(world.harness.now).toISOString().slice(0, 10);
    const stats = await (
      await world.harness.admin(`/sites/${world.shop.siteId}/stats?from=${today}&to=${today}`)
    ).json();
    const usd = stats.revenue.find((row: { currency: string }) => row.currency === "USD");
    expect(usd.paid ?? usd.amount).toBe(13350);
    expect(usd).toMatchObject({ pending: 0, refunded: 0 });
  });

  test("refunded in part then in full: the payment is refunded by each amount, the seller told once per refund however often WooCommerce says it (fake WooCommerce)", async () => {
    const { linked } = await acceptedTank();
    await world.fake.pay(linked.id);
    await world.fake.refund(linked.id, "10.00");
    expect(linked.status).toBe("processing");
    await world.deliver("order.updated", linked, "wc-delivery-partial-again");
    expect(await buyer.payment()).toMatchObject({ status: "refunded", refunded: 1000 });
    await world.fake.refund(linked.id, "123.50");
    expect(linked.status).toBe("refunded");
    await world.deliver("order.updated", linked, "wc-delivery-full-again");
    expect(await buyer.payment()).toMatchObject({ status: "refunded", refunded: 13350 });
    const told = await buyer.events();
    expect(told.map((event) => event.type)).toEqual([
      "offer.accepted",
      "offer.paid",
      "offer.refunded",
      "offer.refunded",
    ]);
    expect(told.map((event) => event.data.decision.payment?.refunded)).toEqual([
      undefined,
      undefined,
      1000,
      13350,
    ]);
  });

  test("a refund whose payment's own webhook never came: the payment is paid, then refunded, each told once (fake WooCommerce)", async () => {
    const { linked } = await acceptedTank();
    world.fake.onEvent = undefined; // the "processing" delivery is lost
    await world.fake.pay(linked.id);
    await world.fake.refund(linked.id, "133.50");
    await world.deliver("order.updated", linked);
    expect(await buyer.payment()).toMatchObject({ status: "refunded", refunded: 13350 });
    expect((await buyer.events()).map((event) => event.type)).toEqual([
      "offer.accepted",
      "offer.paid",
      "offer.refunded",
    ]);
  });

  test.each(["failed", "cancelled"])(
    "a linked order %s at the shop: the payment failed, the seller told once (fake WooCommerce)",
    async (status) => {
      const { linked } = await acceptedTank();
      await world.fake.setStatus(linked.id, status);
      await world.deliver("order.updated", linked, "wc-delivery-status-again");
      expect(await buyer.payment()).toMatchObject({ status: "failed" });
      expect((await buyer.events()).map((event) => event.type)).toEqual([
        "offer.accepted",
        "offer.payment_failed",
      ]);
    },
  );

  test("a linked order's own webhooks, created or paid, never make an order with offers of its own; its thank-you page shows none (fake WooCommerce)", async () => {
    const { linked } = await acceptedTank();
    const created = world.fake.webhooks.find((hook) => hook.order.id === linked.id);
    expect(created?.topic).toBe("order.created");
    expect(await (await world.deliver("order.created", created?.order as object)).json()).toMatchObject({
      result: "ignored",
    });
    await world.fake.pay(linked.id);
    expect(
      await world.harness.store.orders.find(world.shop.siteId, "woocommerce", String(linked.id)),
    ).toBeNull();
    // WooCommerce sends the buyer to the linked order's own thank-you page after paying: no offer there.
    expect((await buyer.claim(linked)).status).toBe(404);
    expect(
      await world.harness.store.orders.find(world.shop.siteId, "woocommerce", String(linked.id)),
    ).toBeNull();
  });

  test("racing accepts of one offer make one linked order (fake WooCommerce)", async () => {
    world = await wooShop(engine);
    buyer = wooBuyer(world);
    const order = await world.paidOrder();
    const session = await buyer.claim(order);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => buyer.accept(session, world.shop.offers.tank, `key-race-${i}`)),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(buyer.ordersCreated()).toHaveLength(1);
    expect(buyer.linkedTo(order)).toHaveLength(1);
  });
});
