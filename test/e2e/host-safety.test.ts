import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import {
  launchBrowser,
  type ShopWorld,
  shopWorld,
  snippetTag,
  THANK_YOU_PATH,
  thankYouPage,
} from "../support/browser.ts";

/**
 * The host page is sacred: on pages that fight back and against a server that is down, slow or mad,
 * the page keeps its layout, its own scripts keep running, and nothing reaches window.onerror.
 */
describe("the host page stays safe", () => {
  let browser: Browser;
  let world: ShopWorld;
  let page: (api: string, siteId: string) => string;

  /** Runs first on every page: records errors that reach the page, and ticks the page's own script. */
  const WATCH = `<script>
    window.__errors = [];
    window.onerror = (message) => { window.__errors.push(String(message)); };
    window.addEventListener("unhandledrejection", (event) => window.__errors.push("rejection: " + event.reason));
    window.__ticks = 0; setInterval(() => window.__ticks++, 50);
  </script>`;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());
  beforeEach(async () => {
    world = await shopWorld(({ api, siteId }) => ({ body: page(api, siteId) }));
  });
  afterEach(() => world.close());

  async function visit(setup?: (tab: Page) => Promise<unknown>) {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const warnings: string[] = [];
    tab.on("console", (message) => {
      if (message.type() === "warning" || message.type() === "error") warnings.push(message.text());
    });
    await setup?.(tab);
    await tab.goto(`${world.host}${THANK_YOU_PATH}`);
    return {
      tab,
      warnings,
      errors: () => tab.evaluate(() => (window as unknown as { __errors: string[] }).__errors),
      ticks: () => tab.evaluate(() => (window as unknown as { __ticks: number }).__ticks),
      box: (selector: string) => tab.locator(selector).boundingBox(),
      close: () => context.close(),
    };
  }

  test("a page resetting every style with !important neither restyles the panel nor is restyled by it", async () => {
    const hostile = `<style>
      * { all: unset !important; font-family: serif !important; }
      aquarium-offer { display: none !important; }
      button { background: red !important; color: yellow !important; }
      h1 { display: block !important; font-size: 40px !important; }
    </style>`;
    page = (api, siteId) => thankYouPage(WATCH + hostile + snippetTag(api, siteId));
    const visited = await visit();
    await visited.tab.getByRole("region").waitFor();
    const button = visited.tab.getByRole("button", { name: "Add to my order" });
    expect(await button.isVisible()).toBe(true);
    expect(await button.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(11, 110, 79)");
    // The page's own heading is as the page styled it.
    expect(await visited.tab.locator("h1").evaluate((el) => getComputedStyle(el).fontSize)).toBe("40px");
    expect(await visited.errors()).toEqual([]);
    await visited.close();
  });

  test("the content above the panel keeps its place; the page's own script keeps running", async () => {
    page = (api, siteId) => thankYouPage(WATCH + snippetTag(api, siteId));
    const visited = await visit();
    const before = await visited.box("h1");
    await visited.tab.getByRole("region").waitFor();
    expect(await visited.box("h1")).toEqual(before);
    const ticks = await visited.ticks();
    await visited.tab.waitForTimeout(200);
    expect(await visited.ticks()).toBeGreaterThan(ticks);
    await visited.close();
  });

  // The widget runs in a realm of its own (widget/realm.ts): the page's built-ins, fetch included, are not its.
  test.each([
    ["fetch replaced by one that throws", "window.fetch = () => { throw new Error('no fetch for you'); };"],
    ["fetch wrapped by an analytics script", "const f = window.fetch; window.fetch = (...a) => f(...a);"],
    ["Promise replaced", "window.Promise = function Fake() { throw new Error('no promises'); };"],
    [
      "Array.prototype members replaced",
      "Array.prototype.map = function () { throw new Error('map'); }; Array.prototype.includes = () => false; Array.prototype.filter = null;",
    ],
    ["JSON.parse replaced", "JSON.parse = () => { throw new Error('no JSON'); };"],
  ])(
    "a page with %s: the panel shows, no error reaches window.onerror and the page keeps running",
    async (_name, script) => {
      page = (api, siteId) => thankYouPage(`${WATCH}<script>${script}</script>${snippetTag(api, siteId)}`);
      const visited = await visit();
      await visited.tab.waitForLoadState("networkidle");
      await visited.tab.waitForTimeout(300);
      expect(await visited.tab.getByRole("region").count()).toBe(1);
      expect(await visited.errors()).toEqual([]);
      expect(visited.warnings).toEqual([]);
      const ticks = await visited.ticks();
      await visited.tab.waitForTimeout(150);
      expect(await visited.ticks()).toBeGreaterThan(ticks);
      await visited.close();
    },
  );

  test("a right-to-left page keeps its direction, and the panel reads left to right in its own language", async () => {
    page = (api, siteId) =>
      thankYouPage(WATCH + snippetTag(api, siteId)).replace('<html lang="en">', '<html lang="ar" dir="rtl">');
    const visited = await visit();
    await visited.tab.getByRole("region").waitFor();
    expect(await visited.tab.evaluate(() => getComputedStyle(document.body).direction)).toBe("rtl");
    expect(await visited.tab.getByRole("region").evaluate((el) => getComputedStyle(el).direction)).toBe(
      "ltr",
    );
    expect(await visited.errors()).toEqual([]);
    await visited.close();
  });

  const api = (tab: Page, handle: Parameters<Page["route"]>[1]) => tab.route(`${world.api}/v1/**`, handle);

  test.each<[string, Parameters<Page["route"]>[1]]>([
    ["down", (route) => route.abort("connectionrefused")],
    [
      "answering garbage",
      (route) => route.fulfill({ status: 200, contentType: "application/json", body: "<html>oops" }),
    ],
    [
      "answering 500",
      (route) => route.fulfill({ status: 500, contentType: "text/plain", body: "Internal Server Error" }),
    ],
    [
      "breaking its contract",
      (route) =>
        route.fulfill({
          status: 201,
          contentType: "application/json",
          body: JSON.stringify({ session: { id: "x" }, offer: { price: "free" } }),
        }),
    ],
  ])(
    "with the server %s, the page is as if the widget were absent, with one warning at most",
    async (_name, handle) => {
      page = (apiOrigin, siteId) => thankYouPage(WATCH + snippetTag(apiOrigin, siteId));
      const visited = await visit((tab) => api(tab, handle));
      await visited.tab.waitForLoadState("networkidle");
      await visited.tab.waitForTimeout(200);
      expect(await visited.tab.locator("aquarium-offer").count()).toBe(0);
      expect(await visited.errors()).toEqual([]);
      expect(visited.warnings.filter((w) => !w.includes("Failed to load resource"))).toEqual(
        visited.warnings.filter((w) => w.startsWith("[aquarium]")),
      );
      expect(visited.warnings.filter((w) => w.startsWith("[aquarium]")).length).toBeLessThanOrEqual(1);
      await visited.close();
    },
  );

  test("with the server answering in 10 s, the page loads at once and the widget gives up quietly", async () => {
    page = (apiOrigin, siteId) => thankYouPage(WATCH + snippetTag(apiOrigin, siteId));
    const visited = await visit((tab) =>
      api(tab, async (route) => {
        await new Promise((done) => setTimeout(done, 10_000));
        await route.fulfill({ status: 404, body: "" }).catch(() => {});
      }),
    );
    const loaded = await visited.tab.evaluate(
      () => performance.getEntriesByType("navigation")[0]?.duration ?? -1,
    );
    expect(loaded).toBeGreaterThanOrEqual(0);
    expect(loaded).toBeLessThan(3000);
    await visited.tab.waitForTimeout(5000);
    expect(await visited.tab.locator("aquarium-offer").count()).toBe(0);
    expect(await visited.errors()).toEqual([]);
    expect(visited.warnings.filter((w) => w.startsWith("[aquarium]")).length).toBeLessThanOrEqual(1);
    await visited.close();
  }, 30_000);
});
