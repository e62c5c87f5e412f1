import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Checkout } from "../../demo/shop/checkout.ts";
import { type DemoWorld, demoWorld, launchBrowser } from "../support/browser.ts";

/** The widget's default schedule, ten times faster: 7 s on it stands for 70 s on the default one. */
const QUICK_DELAYS = [0.1, 0.2, 0.3, 0.5, 0.8, 1.3, 1.5];
const QUICK_FOR = 18;
const QUICK = `data-retry-delays="${QUICK_DELAYS.join(",")}" data-retry-for="${QUICK_FOR}"`;

/** How many claims a schedule makes before its deadline, the first at once: the arithmetic, redone here. */
function claimsWithin(delays: number[], seconds: number): number {
  let at = 0;
  for (let claims = 1; ; claims++) {
    at += delays[Math.min(claims - 1, delays.length - 1)] as number;
    if (at > seconds) return claims;
  }
}

const SHAPES = [
  ["WooCommerce (/checkout/order-received/<id>/?key=wc_order_…)", "woocommerce"],
  ["Stripe Checkout (/thanks/?session_id=cs_…)", "stripe"],
] as const;

/**
 * Real shops deliver the order webhook after the thank-you page: the widget keeps asking, silently, until
 * the order is there. On both demo thank-you pages in Chromium, the webhook signed and sent over HTTP as the
 * platform would, when the test says. The cases run side by side, each in its own browser profile.
 */
describe.concurrent("an order webhook later than the thank-you page, in Chromium", () => {
  let browser: Browser;
  let world: DemoWorld;

  beforeAll(async () => {
    browser = await launchBrowser();
    world = await demoWorld(QUICK);
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  /** The thank-you page of a fresh order, opened before its webhook is sent, with what the page met recorded. */
  async function thankYou(platform: "woocommerce" | "stripe", origin: string) {
    const checkout = await world.checkout(platform);
    const context = await browser.newContext();
    const page = await context.newPage();
    const console: string[] = [];
    const pageErrors: string[] = [];
    let claims = 0;
    page.on("console", (message) => console.push(`${message.type()}: ${message.text()}`));
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url() === `${world.api}/v1/sessions`) claims += 1;
    });
    await page.goto(`${origin}${checkout.thankYou}`);
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __errors: string[] }).__errors = seen;
      window.addEventListener("error", (event) => seen.push(String(event.message)));
      window.addEventListener("unhandledrejection", (event) => seen.push(`rejection: ${event.reason}`));
    });
    return {
      checkout,
      page,
      claims: () => claims,
      pageErrors,
      /** Console lines other than Chromium's own log of each 404 the widget was answered. */
      console: () =>
        console.filter((line) => !/^error: Failed to load resource: .* 404 \(Not Found\)$/.test(line)),
      windowErrors: () => page.evaluate(() => (window as unknown as { __errors: string[] }).__errors),
      close: () => context.close(),
    };
  }

  const offerShown = (page: Page) =>
    page.getByRole("region", { name: "A special offer for your order" }).waitFor({ timeout: 30_000 });

  /** Waits `seconds` of real time, then sends the order's webhook. */
  const later = async (seconds: number, checkout: Checkout) => {
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    await world.deliver(checkout);
  };

  describe.each(SHAPES)("on the %s thank-you page", (_shape, platform) => {
    test("page first, webhook 5 s later: no panel and no space meanwhile, then the offer (default schedule)", async () => {
      const visit = await thankYou(platform, world.shop);
      const note = visit.page.getByText("Your receipt and delivery details follow by email.");
      const before = await note.boundingBox();
      await new Promise((resolve) => setTimeout(resolve, 4000));
      expect(await visit.page.locator("aquarium-offer").count()).toBe(0);
      expect(await note.boundingBox()).toEqual(before);
      expect(visit.claims()).toBeGreaterThanOrEqual(2);

      await later(1, visit.checkout);
      await offerShown(visit.page);
      expect(await visit.page.getByRole("region").innerText()).toContain("Give your goldfish a home");
      expect(visit.pageErrors).toEqual([]);
      expect(await visit.windowErrors()).toEqual([]);
      expect(visit.console()).toEqual([]);
      await visit.close();
    }, 40_000);

    test("page first, webhook 70 s later on the schedule shortened ten times by data attributes (7 s): the offer", async () => {
      const visit = await thankYou(platform, world.quickShop);
      await later(7, visit.checkout);
      await offerShown(visit.page);
      expect(await visit.page.getByRole("region").innerText()).toContain("€66.75");
      expect(visit.pageErrors).toEqual([]);
      expect(await visit.windowErrors()).toEqual([]);
      expect(visit.console()).toEqual([]);
      await visit.close();
    }, 40_000);

    test("no webhook ever: no panel, nothing reaches the page or its console, and the claims the schedule allows, then none", async () => {
      const visit = await thankYou(platform, world.quickShop);
      // Past the deadline (18 s after the widget started), and past the claim after it, were there one.
      await new Promise((resolve) => setTimeout(resolve, (QUICK_FOR + 3) * 1000));
      const expected = claimsWithin(QUICK_DELAYS, QUICK_FOR);
      expect(expected).toBe(16);
      expect(visit.claims()).toBe(expected);
      expect(await visit.page.locator("aquarium-offer").count()).toBe(0);
      expect(visit.pageErrors).toEqual([]);
      expect(await visit.windowErrors()).toEqual([]);
      expect(visit.console()).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(visit.claims()).toBe(expected);
      await visit.close();
    }, 40_000);
  });
});
