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

/** How the embed behaves on the page: configuration, the command queue, loading twice, CSP, globals. */
describe("the embed in Chromium", () => {
  let browser: Browser;
  let world: ShopWorld;
  /** The page the seller's site answers, set by each test. */
  let page: (api: string, siteId: string) => { body: string; headers?: Record<string, string> };

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());
  beforeEach(async () => {
    world = await shopWorld(({ api, siteId }) => page(api, siteId));
  });
  afterEach(() => world.close());

  async function visit(path = THANK_YOU_PATH) {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const warnings: string[] = [];
    const errors: string[] = [];
    let posts = 0;
    tab.on("console", (message) => {
      if (message.type() === "warning" || message.type() === "error") warnings.push(message.text());
    });
    tab.on("pageerror", (error) => errors.push(error.message));
    tab.on("request", (request) => {
      if (request.method() === "POST") posts += 1;
    });
    await tab.goto(`${world.host}${path}`);
    await tab.waitForLoadState("networkidle");
    return {
      tab,
      warnings,
      errors,
      posts: () => posts,
      panels: () => tab.locator("aquarium-offer").count(),
      close: () => context.close(),
    };
  }

  test("the command queue works for sellers who prefer JavaScript, and one bad call does not stop the rest", async () => {
    page = (api, siteId) => ({
      body: thankYouPage(
        `<script>
          window.aquarium = window.aquarium || function(){(aquarium.q=aquarium.q||[]).push(arguments)};
          aquarium("no-such-command");
          aquarium("init", { site: "${siteId}" });
        </script><script async src="${api}/aquarium.js"></script>`,
      ),
    });
    const visited = await visit();
    await visited.tab.getByRole("region").waitFor();
    expect(await visited.panels()).toBe(1);
    expect(visited.warnings).toEqual(["[aquarium] unknown command no-such-command"]);
    expect(visited.errors).toEqual([]);
    await visited.close();
  });

  test("loaded twice, it still shows one panel and makes one request", async () => {
    page = (api, siteId) => ({ body: thankYouPage(snippetTag(api, siteId) + snippetTag(api, siteId)) });
    const visited = await visit();
    await visited.tab.getByRole("region").waitFor();
    expect(await visited.panels()).toBe(1);
    expect(visited.posts()).toBe(1);
    await visited.close();
  });

  test.each([
    ["a missing data-site", (api: string) => `<script async src="${api}/aquarium.js"></script>`, null],
    [
      "a malformed data-site",
      (api: string) => snippetTag(api, "nope"),
      "[aquarium] data-site is missing or not valid",
    ],
    [
      "a bad data-theme",
      (api: string, site: string) => snippetTag(api, site, ' data-theme="neon"'),
      "[aquarium] data-theme is missing or not valid",
    ],
  ])("with %s there is no panel and at most one [aquarium] warning", async (_name, tag, warning) => {
    page = (api, siteId) => ({ body: thankYouPage(tag(api, siteId)) });
    const visited = await visit();
    expect(await visited.panels()).toBe(0);
    expect(visited.posts()).toBe(0);
    expect(visited.warnings).toEqual(warning ? [warning] : []);
    expect(visited.errors).toEqual([]);
    await visited.close();
  });

  test("a page that names no order stays as it was, silently, without asking the server anything", async () => {
    page = (api, siteId) => ({ body: thankYouPage(snippetTag(api, siteId)) });
    const visited = await visit("/checkout/thanks/");
    expect(await visited.panels()).toBe(0);
    expect(visited.posts()).toBe(0);
    expect(visited.warnings).toEqual([]);
    await visited.close();
  });

  test("adds no global but window.aquarium", async () => {
    page = (api, siteId) => ({
      body: thankYouPage(
        `<script>window.__before = Object.getOwnPropertyNames(window);</script>${snippetTag(api, siteId)}`,
      ),
    });
    const visited = await visit();
    await visited.tab.getByRole("region").waitFor();
    const added = await visited.tab.evaluate(() => {
      const before = new Set((window as unknown as { __before: string[] }).__before);
      return Object.getOwnPropertyNames(window).filter((name) => !before.has(name) && name !== "__before");
    });
    expect(added).toEqual(["aquarium"]);
    await visited.close();
  });

  test("works under a strict CSP that allows only its script origin and connect-src, styles included", async () => {
    page = (api, siteId) => ({
      body: thankYouPage(snippetTag(api, siteId)),
      headers: {
        "content-security-policy": `default-src 'none'; script-src ${api}; connect-src ${api}; img-src ${api}; style-src 'none'`,
      },
    });
    const visited = await visit();
    await visited.tab.getByRole("region").waitFor();
    const background = await visited.tab
      .getByRole("button", { name: "Add to my order" })
      .evaluate((button) => getComputedStyle(button).backgroundColor);
    expect(background).toBe("rgb(11, 110, 79)");
    expect(visited.errors).toEqual([]);
    await visited.close();
  });

  test("mounts into the element named by data-target, with the seller's theme through custom properties", async () => {
    page = (api, siteId) => ({
      body: thankYouPage(
        `<div id="offers" style="--aquarium-accent: rgb(200, 0, 0)"></div>${snippetTag(api, siteId, ' data-target="#offers"')}`,
      ),
    });
    const visited = await visit();
    await visited.tab.getByRole("region").waitFor();
    expect(await visited.tab.locator("#offers > aquarium-offer").count()).toBe(1);
    const background = await visited.tab
      .getByRole("button", { name: "Add to my order" })
      .evaluate((button) => getComputedStyle(button).backgroundColor);
    expect(background).toBe("rgb(200, 0, 0)");
    await visited.close();
  });

  test("dressed as the seller set it in the admin, the snippet untouched: the site's theme, accent, corners, font and language; a page's own --aquarium-accent still wins", async () => {
    const patched = await world.harness.admin(`/sites/${world.siteId}`, {
      method: "PATCH",
      json: { appearance: { theme: "dark", accent: "#7a1f5c", radius: 2, font: "serif", locale: "de" } },
    });
    expect(patched.status).toBe(200);
    page = (api, siteId) => ({ body: thankYouPage(snippetTag(api, siteId)) });
    const visited = await visit();
    // In German though the page says English: the site's default language; from the file beside the script.
    const accept = visited.tab.getByRole("button", { name: "Zur Bestellung hinzufügen" });
    await accept.waitFor();
    const look = await accept.evaluate((button) => {
      const panel = button.closest("section") as HTMLElement;
      return {
        button: getComputedStyle(button).backgroundColor,
        radius: getComputedStyle(button).borderTopLeftRadius,
        font: getComputedStyle(panel).fontFamily,
        panel: getComputedStyle(panel).backgroundColor,
      };
    });
    expect(look).toEqual({
      button: "rgb(122, 31, 92)",
      radius: "2px",
      font: expect.stringMatching(/^Georgia/),
      panel: "rgb(31, 31, 34)",
    });

    // The same buyer's page again, now with the seller's own accent on the page around the snippet.
    page = (api, siteId) => ({
      body: thankYouPage(`<div style="--aquarium-accent: rgb(200, 0, 0)">${snippetTag(api, siteId)}</div>`),
    });
    await visited.tab.reload();
    await accept.waitFor();
    expect(await accept.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(
      "rgb(200, 0, 0)",
    );
    await visited.close();
  });

  test("speaks the page's language when the seller sets none", async () => {
    page = (api, siteId) => ({
      body: thankYouPage(snippetTag(api, siteId)).replace('lang="en"', 'lang="de-DE"'),
    });
    const visited = await visit();
    await visited.tab.getByRole("region", { name: "Ein besonderes Angebot zu Ihrer Bestellung" }).waitFor();
    expect(await visited.tab.getByRole("button", { name: "Zur Bestellung hinzufügen" }).count()).toBe(1);
    expect(await visited.tab.getByRole("region").innerText()).toContain("66,75");
    await visited.close();
  });
});
