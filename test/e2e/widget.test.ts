import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { launchBrowser, type ShopWorld, snippetWorld, THANK_YOU_PATH } from "../support/browser.ts";

/**
 * The built bundle (not the sources) on a real thank-you page in Chromium, against the real server
 * on another origin, as a seller's page would load it.
 */
describe("the widget in Chromium", () => {
  let browser: Browser;
  let world: ShopWorld;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());
  beforeEach(async () => {
    world = await snippetWorld();
  });
  afterEach(() => world.close());

  /** A fresh browser profile with its console warnings, page errors and calls to the API recorded. */
  async function open(context?: BrowserContext) {
    const ctx = context ?? (await browser.newContext());
    const page = await ctx.newPage();
    const warnings: string[] = [];
    const errors: string[] = [];
    const calls: string[] = [];
    const bodies: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "warning" || message.type() === "error") warnings.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("request", (request) => {
      if (request.url().startsWith(world.api) && request.method() !== "OPTIONS") {
        calls.push(`${request.method()} ${new URL(request.url()).pathname}`);
      }
    });
    page.on("response", async (response) => {
      if (response.url().startsWith(world.api) && response.request().method() === "POST") {
        bodies.push(await response.text().catch(() => ""));
      }
    });
    return { ctx, page, warnings, errors, calls, bodies };
  }
  // Role locators pierce the open shadow root; the host element's own innerText would not.
  const panelText = (page: Page) => page.getByRole("region").innerText({ timeout: 5000 });

  test("paints the offer after one request, accepts in one click, moves the funnel, and resumes after a refresh", async () => {
    const { page, calls, errors, warnings, ctx } = await open();
    await page.goto(`${world.host}${THANK_YOU_PATH}`);
    await page.getByRole("region", { name: "A special offer for your order" }).waitFor();
    expect(calls).toEqual(["GET /aquarium.js", "POST /v1/sessions"]);
    expect(await panelText(page)).toContain("$66.75");

    await page.getByRole("button", { name: "Add to my order" }).click();
    await page.getByText("Added to your order. One more thing:").waitFor();
    expect(await panelText(page)).toContain("The food");
    expect(calls.at(-1)).toMatch(/^POST \/v1\/sessions\/sess_[\w-]+\/decisions$/);

    await page.reload();
    await page.getByRole("region", { name: "A special offer for your order" }).waitFor();
    const resumed = await panelText(page);
    expect(resumed).toContain("The food");
    expect(resumed).not.toContain("The tank");
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    await ctx.close();
  });

  test("the same thank-you URL in another browser shows nothing, and no price crosses the network", async () => {
    const first = await open();
    await first.page.goto(`${world.host}${THANK_YOU_PATH}`);
    await first.page.getByRole("region").waitFor();
    await first.ctx.close();

    const other = await open();
    await other.page.goto(`${world.host}${THANK_YOU_PATH}`);
    await other.page.waitForLoadState("networkidle");
    expect(await other.page.locator("aquarium-offer").count()).toBe(0);
    const text = await other.page.content();
    for (const price of ["66.75", "6675", "89.00", "8900"]) {
      expect(text).not.toContain(price);
      for (const body of other.bodies) expect(body).not.toContain(price);
    }
    expect(other.bodies).toEqual(['{"error":{"code":"not_found","message":"There is no offer here."}}']);
    expect(other.errors).toEqual([]);
    await other.ctx.close();
  });

  test("reserves no space before the offer and does not move the content above it", async () => {
    const { page, ctx } = await open();
    await page.goto(`${world.host}${THANK_YOU_PATH}`);
    const before = await page.locator("#above").boundingBox();
    await page.getByRole("region").waitFor();
    const after = await page.locator("#above").boundingBox();
    expect(after).toEqual(before);
    await ctx.close();
  });
});
