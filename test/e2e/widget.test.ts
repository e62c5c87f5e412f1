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
    // The script a second time, from the cache, into the widget's own realm (widget/realm.ts).
    expect(calls).toEqual(["GET /aquarium.js", "GET /aquarium.js", "POST /v1/sessions"]);
    expect(world.served.filter((call) => !call.startsWith("OPTIONS"))).toEqual([
      "GET /aquarium.js",
      "POST /v1/sessions",
    ]);
    expect(await panelText(page)).toContain("$66.75");

    await page.getByRole("button", { name: "Add to my order" }).click();
    await page.getByText("Added to your order. One more thing:").waitFor();
    expect(await panelText(page)).toContain("The food");
    expect(calls.at(-1)).toMatch(/^POST \/v1\/sessions\/sess_[\w-]+\/decisions$/);

    await page.reload();
    await page.getByRole("region", { name: "A special offer for your order" }).waitFor();
    const resumed = await panelText(page);
    // The offer is the next step's; the tank is only in the receipt of what was added, paid.
    expect(await page.getByRole("heading", { level: 2 }).innerText()).toBe("The food");
    expect(resumed).toContain("The tank × 1: $66.75 · Paid");
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    await ctx.close();
  });

  test("the same thank-you URL in another browser shows nothing, however often it asks, and no price crosses the network", async () => {
    const first = await open();
    await first.page.goto(`${world.host}${THANK_YOU_PATH}`);
    await first.page.getByRole("region").waitFor();
    await first.ctx.close();

    const other = await open();
    await other.page.goto(`${world.host}${THANK_YOU_PATH}`);
    // A 404 may only mean "not yet" to the widget: it asks again after 1 s and 2 s more.
    await other.page.waitForTimeout(3500);
    expect(await other.page.locator("aquarium-offer").count()).toBe(0);
    const text = await other.page.content();
    for (const price of ["66.75", "6675", "89.00", "8900"]) {
      expect(text).not.toContain(price);
      for (const body of other.bodies) expect(body).not.toContain(price);
    }
    expect(other.bodies.length).toBeGreaterThanOrEqual(2);
    expect(new Set(other.bodies)).toEqual(
      new Set(['{"error":{"code":"not_found","message":"There is no offer here."}}']),
    );
    expect(other.errors).toEqual([]);
    expect(other.warnings.filter((warning) => warning.startsWith("[aquarium]"))).toEqual([]);
    await other.ctx.close();
  });

  test("a second click that lands on the next step, appearing under the pointer, decides nothing: one decision, the next step open", async () => {
    const { page, calls, errors, ctx } = await open();
    // The page's clock is ours: paused below, it holds open the first moments after the step changes.
    await page.clock.install();
    await page.goto(`${world.host}${THANK_YOU_PATH}`);
    const accept = page.getByRole("button", { name: "Add to my order" });
    await expect.poll(() => accept.getAttribute("aria-disabled")).toBeNull();
    // A moment ahead of the page's time, asked again if a busy machine let that moment pass meanwhile.
    for (let attempt = 1; ; attempt++) {
      const paused = await page.clock
        .pauseAt((await page.evaluate(() => Date.now())) + 50)
        .then(() => true)
        .catch((error: unknown) => {
          if (attempt >= 5) throw error;
          return false;
        });
      if (paused) break;
    }
    const decisions = () => calls.filter((call) => call.endsWith("/decisions")).length;

    const first = await accept.boundingBox();
    if (!first) throw new Error("no accept button");
    await page.mouse.click(first.x + first.width / 2, first.y + first.height / 2);
    await page.getByText("Added to your order. One more thing:").waitFor();
    const next = await accept.boundingBox();
    if (!next) throw new Error("no accept button on the next step");
    expect(await accept.getAttribute("aria-disabled")).toBe("true");
    await page.mouse.click(next.x + next.width / 2, next.y + next.height / 2);
    await page.waitForTimeout(500);

    expect(decisions()).toBe(1);
    const region = page.getByRole("region");
    expect(await region.innerText()).toContain("The food");
    expect(await page.getByRole("button").count()).toBe(2);

    // Once it has been on screen for half a second, it wakes up in place, and a click decides it.
    await page.clock.resume();
    await expect.poll(() => accept.getAttribute("aria-disabled")).toBeNull();
    expect(await accept.boundingBox()).toEqual(next);
    await accept.click();
    await page.getByText("Added to your order. Thank you!").waitFor();
    expect(decisions()).toBe(2);
    expect(errors).toEqual([]);
    await ctx.close();
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
