import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { STAND_IN_LABEL } from "../../demo/stand-ins/woocommerce-pages.ts";
import { launchBrowser } from "../support/browser.ts";
import type { FakeOrder } from "../support/fake-woocommerce.ts";
import { type WooWorld, wooWorld } from "../support/woo-world.ts";

/**
 * An accepted offer paid through the seller's own WooCommerce shop, in Chromium, on the shop's thank-you page:
 * the built widget against the real server, which makes the linked order in the FAKE WooCommerce (WooCommerce
 * cannot run here) through its REST API; the buyer pays it on the shop's order-pay page; the shop's webhook
 * tells the server. Each test says what the buyer sees and checks what the shop and the server recorded.
 */
describe("WooCommerce payments in Chromium (fake WooCommerce)", () => {
  let browser: Browser;
  let world: WooWorld;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  beforeEach(async () => {
    world = await wooWorld();
  });
  afterEach(() => world?.close());

  async function thankYouPage(order: FakeOrder) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(world.thankYou(order));
    await panel(page).waitFor();
    await expect.poll(() => acceptButton(page).getAttribute("aria-disabled")).toBeNull();
    return { context, page, errors };
  }
  const panel = (page: Page) => page.getByRole("region", { name: "A special offer for your order" });
  const acceptButton = (page: Page) => page.getByRole("button", { name: "Add to my order" });
  const receipt = (page: Page) => panel(page).getByRole("listitem").first();

  test("an accept makes one linked order of exactly the shown price × quantity; paid on the shop's order-pay page in another tab, the line turns Paid here without a reload; a refund shows after a reload", async () => {
    const order = await world.paidOrder();
    const { context, page, errors } = await thankYouPage(order);
    await panel(page).getByLabel("Quantity").selectOption("2");
    await acceptButton(page).click();

    const pay = panel(page).getByRole("link", { name: "Complete payment" });
    await pay.waitFor();
    expect(await panel(page).getByRole("img", { name: "Scan to pay by phone" }).count()).toBe(1);
    expect(await receipt(page).innerText()).toMatch(/^The tank × 2: \$133\.50 · Waiting for payment/);
    const [linked] = world.linkedOrders();
    expect(world.linkedOrders()).toHaveLength(1);
    expect(linked).toMatchObject({
      parent_id: order.id,
      total: "133.50",
      status: "pending",
      currency: "USD",
    });
    expect(await world.payments()).toMatchObject([{ status: "requires_action", amount: 13350 }]);

    // The shop's own order-pay page, in a tab of its own; this page stays.
    const [shopTab] = await Promise.all([context.waitForEvent("page"), pay.click()]);
    await shopTab.waitForLoadState();
    expect(await shopTab.getByText(STAND_IN_LABEL).count()).toBe(1);
    expect(await shopTab.getByText("133.50").count()).toBeGreaterThan(0);
    await shopTab.getByRole("button", { name: "Pay" }).click();
    await expect
      .poll(() => world.payments().then((payments) => payments[0]?.status), { timeout: 5000 })
      .toBe("paid");

    // The widget asks again every 5 s while a payment waits: the line turns Paid, the funnel moves on.
    await expect
      .poll(() => receipt(page).innerText(), { timeout: 12_000 })
      .toMatch(/^The tank × 2: \$133\.50 · Paid$/);
    expect(await panel(page).getByRole("status").innerText()).toBe("Added to your order. One more thing:");
    expect(await panel(page).getByRole("link").count()).toBe(0);
    // The seller's stats count it paid.
    const stats = await (await world.harness.admin(`/sites/${world.shop.siteId}/stats`)).json();
    expect(stats.revenue).toContainEqual(
      expect.objectContaining({ currency: "USD", paid: 13350, pending: 0 }),
    );

    // The seller refunds part of it in the shop: the buyer's receipt says so after a reload.
    await world.fake.refund(Number(linked?.id), "20.00");
    await page.reload();
    await expect
      .poll(() => receipt(page).innerText())
      .toMatch(/^The tank × 2: \$133\.50 · \$20\.00 refunded$/);
    expect(world.linkedOrders()).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  test("an order whose webhook has not come yet is read from the shop on the claim: the offer is shown at once", async () => {
    const order = await world.paidOrder({ deliver: false });
    const { context, page, errors } = await thankYouPage(order);
    expect(await panel(page).getByRole("heading", { level: 2 }).innerText()).toBe("The tank");
    expect(world.fake.calls.some((call) => call.path.endsWith(`/orders/${order.id}`))).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  test("the shop down when the offer is accepted: the payment fails plainly, nothing is charged, the downsell is next", async () => {
    const order = await world.paidOrder();
    const { context, page, errors } = await thankYouPage(order);
    await world.fake.down();
    await acceptButton(page).click();
    await expect
      .poll(() => panel(page).getByRole("status").innerText())
      .toBe("Payment failed: nothing was charged. No problem. Perhaps this instead:");
    expect(await world.payments()).toMatchObject([{ status: "failed" }]);
    await world.fake.up();
    expect(world.linkedOrders()).toHaveLength(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  test("a shop that cannot sell it (out of stock): the panel says the payment failed, nothing was charged, and shows the downsell; no order is left in the shop", async () => {
    const tank = world.products.tank;
    tank.stock_status = "outofstock";
    const order = await world.paidOrder();
    const { context, page, errors } = await thankYouPage(order);
    await acceptButton(page).click();

    await expect
      .poll(() => panel(page).getByRole("status").innerText())
      .toBe("Payment failed: nothing was charged. No problem. Perhaps this instead:");
    expect(await panel(page).getByRole("heading", { level: 2 }).innerText()).toBe("The water-care");
    expect(world.linkedOrders()).toHaveLength(0);
    expect(await world.payments()).toMatchObject([{ status: "failed" }]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
