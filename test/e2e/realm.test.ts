import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import {
  launchBrowser,
  type ShopWorld,
  shopWorld,
  snippetTag,
  THANK_YOU_PATH,
  thankYouPage,
} from "../support/browser.ts";
import { PROTOTYPE_16 } from "../support/hostile-builtins.ts";

/**
 * The widget's own realm (widget/realm.ts): a hidden frame the page's copy of the script loads a second
 * copy into. It must get in wherever the snippet did, stay out of the page's sight, keep the command queue,
 * and give way to the page's realm where it cannot be had.
 */
describe("the widget's own realm", () => {
  let browser: Browser;
  let world: ShopWorld;
  let page: (api: string, siteId: string) => { body: string; headers?: Record<string, string> };

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());
  beforeEach(async () => {
    world = await shopWorld(({ api, siteId }) => page(api, siteId));
  });
  afterEach(() => world.close());

  async function visit() {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const console: string[] = [];
    const errors: string[] = [];
    tab.on("console", (message) => console.push(`${message.type()}: ${message.text()}`));
    tab.on("pageerror", (error) => errors.push(error.message));
    await tab.goto(`${world.host}${THANK_YOU_PATH}`);
    const region = tab.getByRole("region", { name: "A special offer for your order" });
    return {
      tab,
      region,
      console,
      errors,
      /** The quantity choice's options as the buyer reads them. */
      options: () => tab.getByRole("combobox", { name: "Quantity" }).locator("option").allTextContents(),
      close: () => context.close(),
    };
  }

  test("a CSP that lets scripts in by nonce alone lets the realm's copy in: on a Prototype 1.6 page, every quantity is offered", async () => {
    page = (api, siteId) => ({
      body: thankYouPage(
        `<script nonce="n0nce">${PROTOTYPE_16}</script>${snippetTag(api, siteId, ' nonce="n0nce"')}`,
      ),
      headers: {
        "content-security-policy": `default-src 'none'; script-src 'nonce-n0nce'; connect-src ${api}; style-src 'none'`,
      },
    });
    const visited = await visit();
    await visited.region.waitFor({ timeout: 5000 });
    expect(await visited.options()).toEqual(["1", "2"]);
    expect(visited.console).toEqual([]);
    expect(visited.errors).toEqual([]);
    await visited.close();
  });

  test("where Trusted Types refuse a script URL given as text, the widget shows from the page's realm", async () => {
    page = (api, siteId) => ({
      body: thankYouPage(snippetTag(api, siteId)),
      headers: { "content-security-policy": "require-trusted-types-for 'script'" },
    });
    const visited = await visit();
    await visited.region.waitFor({ timeout: 5000 });
    expect(await visited.options()).toEqual(["1", "2"]);
    // Chromium says, once, that it refused the assignment; nothing of the widget's.
    expect(visited.console).toEqual([
      "error: This document requires 'TrustedScriptURL' assignment. The action has been blocked.",
    ]);
    expect(visited.errors).toEqual([]);
    expect(await visited.tab.locator("aquarium-realm").count()).toBe(0);
    await visited.close();
  });

  test("the realm is out of the page's sight: no frame its queries or window.frames find, no box even where its styles force one", async () => {
    const styles = `<style>
      * { display: block !important; width: 300px !important; height: 150px !important; }
      aquarium-realm, iframe { display: block !important; visibility: visible !important; }
    </style>`;
    page = (api, siteId) => ({ body: thankYouPage(styles + snippetTag(api, siteId)) });
    const visited = await visit();
    await visited.region.waitFor({ timeout: 5000 });
    expect(
      await visited.tab.evaluate(() => ({
        frames: window.length,
        iframes: document.querySelectorAll("iframe").length,
        realms: document.querySelectorAll("aquarium-realm").length,
      })),
    ).toEqual({ frames: 0, iframes: 0, realms: 1 });
    expect(await visited.tab.locator("aquarium-realm").boundingBox()).toBeNull();
    expect(visited.errors).toEqual([]);
    await visited.close();
  });

  test("a command given between the snippet and the widget's start waits in the queue and is served", async () => {
    // The tag's load event fires in the task that ran the script, before the realm's copy can have run.
    page = (api, siteId) => ({
      body: thankYouPage(
        `<script async src="${api}/aquarium.js" onload="aquarium('init', { site: '${siteId}' })"></script>`,
      ),
    });
    const visited = await visit();
    await visited.region.waitFor({ timeout: 5000 });
    expect(await visited.options()).toEqual(["1", "2"]);
    expect(visited.console).toEqual([]);
    expect(visited.errors).toEqual([]);
    await visited.close();
  });
});
