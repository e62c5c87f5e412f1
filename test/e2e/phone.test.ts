import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import {
  launchBrowser,
  type ShopWorld,
  shopWorld,
  snippetTag,
  THANK_YOU_PATH,
  thankYouPage,
} from "../support/browser.ts";

/** Written for a reviewer to open; not committed (.gitignore). */
const SCREENSHOTS = resolve(import.meta.dirname, "screenshots");

/** A drawn tank, served by the seller's site as a product picture is. */
const TANK_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 120"><rect width="160" height="120" fill="#e8f4fb"/><rect x="20" y="30" width="120" height="70" rx="6" fill="#9fd3ef" stroke="#1d5c7a" stroke-width="4"/><path d="M40 80q10-14 20 0t20 0" fill="none" stroke="#f08a24" stroke-width="5"/></svg>`;

/** For the screenshots: the panel's fade-in over, and its buttons past their first half second. */
async function settled(page: Page) {
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState === "finished"),
  );
  await page.locator("aquarium-offer button[aria-disabled=true]").first().waitFor({ state: "detached" });
}

/**
 * The buyer's panel on a phone (390 CSS pixels wide, as an iPhone 14's), in Chromium, on a real thank-you
 * page: the picture above the text, the buttons the panel's full width, nothing cut or scrolled sideways;
 * then the receipt after a reload.
 */
describe("the panel on a phone", () => {
  let browser: Browser;
  let world: ShopWorld;
  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(() => browser.close());
  afterEach(() => world.close());

  test("the picture above the text, full-width buttons, no sideways scrolling; after accepting and a reload, the receipt names what was added and how it is paid", async () => {
    world = await shopWorld(({ api, siteId, url }) =>
      url.pathname === "/tank.svg"
        ? { body: TANK_SVG, headers: { "content-type": "image/svg+xml" } }
        : {
            // A shop's theme made for phones says so, as every responsive page does.
            body: thankYouPage(
              snippetTag(api, siteId),
              '<meta name="viewport" content="width=device-width, initial-scale=1">',
            ),
          },
    );
    const { products } = await world.harness.admin(`/sites/${world.siteId}/products`).then((r) => r.json());
    const tank = (products as { id: string; sku: string }[]).find((product) => product.sku === "tank");
    await world.harness.admin(`/sites/${world.siteId}/products/${tank?.id}`, {
      method: "PATCH",
      json: { imageUrl: `${world.host}/tank.svg` },
    });
    await world.harness.admin(`/sites/${world.siteId}/offers/${world.offers.tank}`, {
      method: "PATCH",
      json: { title: "Complete the set: a tank for your fish" },
    });

    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(`${world.host}${THANK_YOU_PATH}`);
    const region = page.getByRole("region", { name: "A special offer for your order" });
    await region.waitFor();
    await region.locator("img").waitFor();

    const box = async (locator: ReturnType<typeof page.getByRole>) => {
      const found = await locator.boundingBox();
      if (!found) throw new Error("not laid out");
      return found;
    };
    const picture = await box(region.locator("img"));
    const title = await box(page.getByRole("heading", { level: 2 }));
    const panel = await box(region);
    const accept = await box(page.getByRole("button", { name: "Add to my order" }));
    const decline = await box(page.getByRole("button", { name: "No, thanks" }));
    expect(picture.y + picture.height).toBeLessThanOrEqual(title.y);
    // The panel's width less its padding (16px) and border (1px) on each side.
    for (const button of [accept, decline]) expect(button.width).toBeCloseTo(panel.width - 34, 0);
    expect(decline.y).toBeGreaterThan(accept.y);
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth)).toBeLessThanOrEqual(390);
    // The product's own name under the seller's title.
    expect(await region.innerText()).toContain("The tank");
    await settled(page);
    await page.screenshot({ path: resolve(SCREENSHOTS, "buyer-offer-phone-390.png"), fullPage: true });

    await page.getByRole("button", { name: "Add to my order" }).click();
    await page.getByText("Added to your order. One more thing:").waitFor();
    await page.reload();
    await page.getByRole("region", { name: "A special offer for your order" }).waitFor();
    const receipt = page.locator("aquarium-offer").getByRole("listitem");
    expect(await receipt.innerText()).toBe(
      "Complete the set: a tank for your fish (The tank) × 1: $66.75 · Paid",
    );
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth)).toBeLessThanOrEqual(390);
    await settled(page);
    await page.screenshot({
      path: resolve(SCREENSHOTS, "buyer-receipt-after-reload-phone-390.png"),
      fullPage: true,
    });
    await context.close();
  });
});
