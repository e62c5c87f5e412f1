import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ADMIN_TOKEN } from "../support/app.ts";
import { launchBrowser, type ShopWorld, snippetWorld } from "../support/browser.ts";
import { buyer } from "../support/buyers.ts";
import { ORDER_KEY, ORIGIN } from "../support/shop.ts";

/** Written for a reviewer to open; not committed (.gitignore). */
const SCREENSHOTS = resolve(import.meta.dirname, "screenshots");
/** An iPhone 14's width in CSS pixels. */
const PHONE = 390;

/** The page's width past the viewport, and the elements that stick out past it (to say what to fix). */
async function overflow(page: Page): Promise<{ scrollWidth: number; culprits: string[] }> {
  return page.evaluate((width) => {
    const scrollWidth = document.scrollingElement?.scrollWidth ?? 0;
    const culprits = [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > width + 0.5)
      .slice(0, 5)
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}.${element.className}: ${element.textContent?.slice(0, 40)}`,
      );
    return { scrollWidth, culprits };
  }, PHONE);
}

/**
 * The admin on a phone, in Chromium at 390 px: every page of a site with products, offers and figures (the tabs
 * the site's pages offer, whatever they are, and the product and offer forms) fits the width, nothing scrolled
 * sideways; tables are read as stacked rows. A screenshot of each is written for a reviewer.
 */
describe("the admin on a phone", () => {
  let browser: Browser;
  let world: ShopWorld;
  let context: BrowserContext;
  let page: Page;
  const checked: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
    world = await snippetWorld();
    // Figures for the stats page: orders from the shop's own origin, accepted and declined.
    await world.harness.admin(`/sites/${world.siteId}`, {
      method: "PATCH",
      json: { allowedOrigins: [world.host, ORIGIN] },
    });
    await buyer(world.harness, world.siteId, { id: "801", key: ORDER_KEY, actions: ["accept", "decline"] });
    await buyer(world.harness, world.siteId, {
      id: "802",
      key: "wc_order_phonebuyer02",
      actions: ["decline"],
    });
    context = await browser.newContext({
      viewport: { width: PHONE, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    page = await context.newPage();
  }, 60_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await world?.close();
  });

  /** Opens the admin at `hash`, waits until it has loaded, checks the width and takes the screenshot. */
  async function fits(name: string, hash: string, ready: (page: Page) => Promise<unknown>) {
    await page.goto(`${world.api}/admin/${hash}`);
    await ready(page);
    await page.waitForLoadState("networkidle");
    await page.getByText("Loading…").waitFor({ state: "detached" });
    await page.screenshot({ path: resolve(SCREENSHOTS, `admin-${name}-phone-390.png`), fullPage: true });
    const { scrollWidth, culprits } = await overflow(page);
    expect(scrollWidth, `${name} is ${scrollWidth}px wide: ${culprits.join(" | ")}`).toBeLessThanOrEqual(
      PHONE,
    );
    checked.push(name);
  }

  test("the login page fits, and so does every page of a site once logged in, its tables as stacked rows", async () => {
    await fits("login", "", (p) => p.getByLabel("Admin token").waitFor());
    await page.getByLabel("Admin token").fill(ADMIN_TOKEN);
    await page.getByRole("button", { name: "Log in" }).click();
    await fits("sites", "#/sites", (p) => p.getByRole("link", { name: "Fish shop" }).waitFor());

    // Every tab a site's pages have, whichever there are.
    await page.goto(`${world.api}/admin/#/sites/${world.siteId}`);
    const tabs = page.getByRole("navigation", { name: "This site" }).getByRole("link");
    await tabs.first().waitFor();
    const hrefs = await tabs.evaluateAll((links) => links.map((link) => link.getAttribute("href") as string));
    expect(hrefs.length).toBeGreaterThanOrEqual(4);
    for (const href of hrefs) {
      const section = href.split("/")[3] ?? "settings";
      await fits(section, href, (p) => p.getByRole("heading", { level: 2 }).first().waitFor());
    }

    const site = `#/sites/${world.siteId}`;
    const { products } = await (await world.harness.admin(`/sites/${world.siteId}/products`)).json();
    await fits("product-new", `${site}/products/new`, (p) =>
      p.getByRole("heading", { name: "New product" }).waitFor(),
    );
    await fits("product-edit", `${site}/products/${products[1].id}`, (p) =>
      p.getByRole("heading", { name: /^Edit “/ }).waitFor(),
    );
    await fits("offer-new", `${site}/offers/new`, (p) =>
      p.getByRole("heading", { name: "New offer" }).waitFor(),
    );
    await fits("offer-edit", `${site}/offers/${world.offers.tank}`, (p) =>
      p.getByRole("heading", { name: /^Edit “/ }).waitFor(),
    );

    // The stats' tables are stacked rows on a phone: a row's cells one under the other, each saying its column.
    await fits("stats-figures", `${site}/stats`, (p) => p.getByText("2 orders, page 1 of 1").waitFor());
    const cell = page
      .getByRole("table", { name: /^Per offer/ })
      .locator("td")
      .first();
    expect(await cell.evaluate((td) => getComputedStyle(td, "::before").content)).toBe('"Shown"');
    const [first, second] = await page
      .getByRole("table", { name: /^Per offer/ })
      .locator("tbody tr")
      .first()
      .locator("td")
      .evaluateAll((tds) => tds.slice(0, 2).map((td) => td.getBoundingClientRect().top));
    expect(second).toBeGreaterThan(first as number);

    expect(checked).toEqual(
      expect.arrayContaining(["login", "sites", "settings", "products", "offers", "stats"]),
    );
  }, 90_000);
});
