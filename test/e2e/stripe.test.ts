import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { STAND_IN_LABEL } from "../../demo/stand-ins/stripe-pages.ts";
import { launchBrowser } from "../support/browser.ts";
import { CARDS } from "../support/fake-stripe.ts";
import { type StripeWorld, stripeWorld } from "../support/stripe-world.ts";

/**
 * Each way an accepted offer is paid with Stripe, in Chromium, on a seller's Stripe Checkout thank-you page:
 * the built widget against the real server, whose real `stripe` SDK talks to the FAKE Stripe (Stripe cannot run
 * here). Each test says what the buyer sees and checks what the server recorded and what Stripe was asked.
 */
describe("Stripe payments in Chromium (fake Stripe)", () => {
  let browser: Browser;
  let world: StripeWorld;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  beforeEach(async () => {
    world = await stripeWorld();
  });
  afterEach(() => world?.close());

  /** A fresh browser on the thank-you page of a paid Checkout Session, the offer painted and ready for a click. */
  async function thankYouPage(checkoutSession: string) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const url = world.thankYou(checkoutSession);
    await page.goto(url);
    await offerReady(page);
    return { context, page, url, errors };
  }
  const offerReady = async (page: Page) => {
    await page.getByRole("region", { name: "A special offer for your order" }).waitFor();
    const accept = page.getByRole("button", { name: "Add to my order" });
    await expect.poll(() => accept.getAttribute("aria-disabled")).toBeNull();
  };
  const accept = (page: Page) => page.getByRole("button", { name: "Add to my order" }).click();
  // Role locators pierce the widget's open shadow root.
  const panel = (page: Page) => page.getByRole("region", { name: "A special offer for your order" });
  const receipt = (page: Page) => panel(page).getByRole("listitem").first();

  test("a saved card (fake Stripe): one click, the panel says Paid, and Stripe was asked for exactly one PaymentIntent of price × quantity", async () => {
    const order = await world.paidOrder({ saved: true });
    const { context, page, errors } = await thankYouPage(order.id);
    await panel(page).getByLabel("Quantity").selectOption("2");
    await accept(page);

    await expect.poll(() => receipt(page).innerText()).toMatch(/The tank × 2: \$133\.50 · Paid$/);
    expect(await panel(page).getByRole("status").innerText()).toBe("Added to your order. One more thing:");
    const intents = world.intentsCreated();
    expect(intents).toHaveLength(1);
    expect(intents[0]?.params).toMatchObject({
      amount: "13350",
      currency: "usd",
      customer: order.customer,
      off_session: "true",
    });
    expect(await world.payments()).toMatchObject([{ status: "paid", amount: 13350, currency: "USD" }]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test("3-D Secure (fake Stripe): Confirm with your bank, the bank's page, approve, and back on the thank-you page the receipt says Paid", async () => {
    const order = await world.paidOrder({ card: CARDS.authenticationRequired, saved: true });
    const { context, page, url, errors } = await thankYouPage(order.id);
    await accept(page);

    const confirm = panel(page).getByRole("link", { name: "Confirm with your bank" });
    await confirm.waitFor();
    expect(await receipt(page).innerText()).toContain("Waiting for payment");
    expect(await world.payments()).toMatchObject([{ status: "requires_action" }]);
    await confirm.click();
    await page.waitForURL(`${world.fake.url}/3ds/**`);
    expect(await page.getByRole("note").innerText()).toBe(STAND_IN_LABEL);
    await page.getByRole("button", { name: "Complete authentication" }).click();

    // Through this server's return link, which reads the outcome from Stripe, to the page the buyer left.
    await page.waitForURL(url);
    await panel(page).waitFor();
    await expect.poll(() => receipt(page).innerText()).toMatch(/The tank × 1: \$66\.75 · Paid$/);
    expect(await panel(page).getByRole("link").count()).toBe(0);
    expect(await world.payments()).toMatchObject([{ status: "paid", amount: 6675 }]);
    expect(world.intentsCreated()).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  test("no saved card (fake Stripe): a pay link and its QR code; paid on Checkout in another tab, the line turns Paid here without a reload", async () => {
    const order = await world.paidOrder({ saved: false });
    const { context, page, errors } = await thankYouPage(order.id);
    await page.evaluate(() => {
      (window as unknown as { stayed: boolean }).stayed = true;
    });
    await accept(page);

    const pay = panel(page).getByRole("link", { name: "Pay $66.75" });
    await pay.waitFor();
    expect(await pay.getAttribute("target")).toBe("_blank");
    const qr = panel(page).getByRole("img", { name: "Scan to pay by phone" });
    expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml,%3Csvg/);
    expect(await qr.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
    expect(world.intentsCreated()).toHaveLength(0);

    const [checkout] = await Promise.all([context.waitForEvent("page"), pay.click()]);
    await checkout.waitForURL(`${world.fake.url}/checkout/cs_test_*`);
    expect(await checkout.getByRole("note").innerText()).toBe(STAND_IN_LABEL);
    expect(await checkout.getByRole("heading").innerText()).toBe("Pay $66.75");
    await checkout.getByRole("button", { name: "Pay" }).click();
    await checkout.waitForURL(world.thankYou(order.id));

    // The widget asks again every 5 s while a payment waits; the page itself never reloaded.
    await expect
      .poll(() => receipt(page).innerText(), { timeout: 12_000 })
      .toMatch(/The tank × 1: \$66\.75 · Paid$/);
    // …the line above it no longer says it waits, and the funnel's next step is offered.
    expect(await panel(page).getByRole("status").innerText()).toBe("Added to your order. One more thing:");
    expect(await panel(page).getByRole("heading", { level: 2 }).innerText()).toBe("The food");
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(await panel(page).getByRole("link").count()).toBe(0);
    expect(await world.payments()).toMatchObject([
      { status: "paid", amount: 6675, reference: expect.stringMatching(/^cs_test_/) },
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test("a declined card (fake Stripe): the panel says the payment failed, nothing was charged, and shows the downsell", async () => {
    const order = await world.paidOrder({ card: CARDS.declined, saved: true });
    const { context, page, errors } = await thankYouPage(order.id);
    await accept(page);

    const status = panel(page).getByRole("status");
    await expect
      .poll(() => status.innerText())
      .toBe("Payment failed: nothing was charged. No problem. Perhaps this instead:");
    expect(await panel(page).getByRole("heading", { level: 2 }).innerText()).toContain("water-care");
    expect(await receipt(page).innerText()).toContain("Payment failed: nothing was charged");
    expect(await world.payments()).toMatchObject([{ status: "failed" }]);
    expect(world.intentsCreated()).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  test("a refund after the payment (fake Stripe): after a reload the receipt says how much was refunded", async () => {
    const order = await world.paidOrder({ saved: true });
    const { context, page, errors } = await thankYouPage(order.id);
    await accept(page);
    await expect.poll(() => receipt(page).innerText()).toMatch(/· Paid$/);

    const [payment] = await world.payments();
    const charge = world.fake.refund(payment?.providerPayment as string, 6675);
    expect((await world.deliver(world.fake.event("charge.refunded", charge))).status).toBe(200);
    await page.reload();
    await panel(page).waitFor();
    await expect.poll(() => receipt(page).innerText()).toMatch(/The tank × 1: \$66\.75 · \$66\.75 refunded$/);
    expect(await world.payments()).toMatchObject([{ status: "refunded", refunded: 6675 }]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test("racing (fake Stripe): two tabs of one browser accept at once; one PaymentIntent, and both tabs say Paid and show the next step, without a reload", async () => {
    const order = await world.paidOrder({ saved: true });
    const first = await thankYouPage(order.id);
    // The second tab of the same browser: the same claim secret, so the same session.
    const second = await first.context.newPage();
    await second.goto(first.url);
    await offerReady(second);

    await Promise.all([accept(first.page), accept(second)]);
    const statuses = async () =>
      (
        await Promise.all([first.page, second].map((page) => panel(page).getByRole("status").innerText()))
      ).sort();
    // One tab's accept won and was charged; the other, told the offer was answered already, asked the
    // session how that answer stands: both say what was added, paid, and offer the next step.
    await expect
      .poll(statuses)
      .toEqual(["Added to your order. One more thing:", "Added to your order. One more thing:"]);
    expect(world.intentsCreated()).toHaveLength(1);
    expect(await world.payments()).toMatchObject([{ status: "paid", amount: 6675 }]);
    for (const page of [first.page, second]) {
      await expect.poll(() => receipt(page).innerText()).toMatch(/The tank × 1: \$66\.75 · Paid$/);
    }
    expect(world.intentsCreated()).toHaveLength(1);
    expect(first.errors).toEqual([]);
    await first.context.close();
  });
});
