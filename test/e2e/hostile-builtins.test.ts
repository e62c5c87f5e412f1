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
import { JSON_JS_2007, MOOTOOLS, PROTOTYPE_16, SABOTEUR } from "../support/hostile-builtins.ts";

/**
 * Pages whose old libraries replaced built-ins with incompatible versions before the snippet runs: the
 * widget draws the offer right, takes an accept the server records right, throws nothing into the page,
 * and leaves the page its replacements.
 */
describe("on a page whose built-ins were replaced", () => {
  let browser: Browser;
  let world: ShopWorld;
  let page: (api: string, siteId: string) => string;

  /**
   * Runs first on every page, with nothing a hostile script replaces: the page's own ticks and every error
   * that reaches it, written into the page, where the test reads them without running script in the page.
   */
  const WATCH = `<p id="ticks">0</p><pre id="errors"></pre><script>
    (function () {
      var ticks = 0, shown = document.getElementById("ticks"), errors = document.getElementById("errors");
      setInterval(function () { shown.textContent = "" + ++ticks; }, 50);
      window.onerror = function (message) { errors.textContent += message + "\\n"; };
      window.addEventListener("unhandledrejection", function (event) {
        errors.textContent += "rejection: " + event.reason + "\\n";
      });
    })();
  </script>`;

  /**
   * Runs after the hostile script: keeps what the page's built-ins are, and says in the page, again and again,
   * whether they still are (with a for loop and `!==`, which no page can replace).
   */
  const KEEP = `<p id="kept"></p><script>
    (function () {
      function now() {
        return [Array.from, Array.prototype.map, Array.prototype.toJSON, Function.prototype.bind, JSON.stringify,
          Object.keys, String.prototype.trim, String.prototype.startsWith, Symbol.for, window.fetch, window.Map];
      }
      var before = now(), kept = document.getElementById("kept");
      setInterval(function () {
        var same = true, after = now();
        for (var i = 0; i < after.length; i++) if (after[i] !== before[i]) same = false;
        kept.textContent = same ? "replaced still" : "restored";
      }, 50);
    })();
  </script>`;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());
  beforeEach(async () => {
    world = await shopWorld(({ api, siteId }) => ({ body: page(api, siteId) }));
  });
  afterEach(() => world.close());

  async function visit() {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const console: string[] = [];
    const errors: string[] = [];
    let secret: unknown;
    let session = "";
    tab.on("console", (message) => console.push(`${message.type()}: ${message.text()}`));
    tab.on("pageerror", (error) => errors.push(error.message));
    tab.on("request", (request) => {
      if (request.method() !== "POST") return;
      const path = new URL(request.url()).pathname;
      if (path === "/v1/sessions") secret = (request.postDataJSON() as { secret?: unknown }).secret;
      session = /^\/v1\/sessions\/([^/]+)\/decisions$/.exec(path)?.[1] ?? session;
    });
    await tab.goto(`${world.host}${THANK_YOU_PATH}`);
    const region = tab.getByRole("region", { name: "A special offer for your order" });
    // Read element by element: Playwright's queries over several elements run script in the page's own realm,
    // and some of these pages break what that script needs.
    const option = (i: number) => tab.getByRole("combobox", { name: "Quantity" }).locator("option").nth(i);
    return {
      tab,
      region,
      /** The quantity choice's options, each as [value, text]. */
      options: async () => {
        const options: [string | null, string | null][] = [];
        for (let i = 0; (await option(i).count()) > 0; i++) {
          options.push([await option(i).getAttribute("value"), await option(i).textContent()]);
        }
        return options;
      },
      panelText: async () => (await region.innerText()).replace(/\s+/g, " "),
      console,
      errors,
      secret: () => secret,
      session: () => session,
      ticks: async () => Number(await tab.locator("#ticks").textContent()),
      windowErrors: () => tab.locator("#errors").textContent(),
      /** Whether the page's replacements are still in place (KEEP). */
      stillReplaced: async () => (await tab.locator("#kept").textContent()) === "replaced still",
      close: () => context.close(),
    };
  }

  test.each([
    ["Prototype 1.6's", PROTOTYPE_16],
    ["MooTools 1.4's (with its 1.2 compatibility layer)", MOOTOOLS],
    ["a wrong and quiet version of every one the widget reads", SABOTEUR],
  ])(
    "with %s, the panel offers each quantity at its price and an accept of 2 is recorded as 2 × $66.75",
    async (_name, hostile) => {
      page = (api, siteId) =>
        thankYouPage(`${WATCH}<script>${hostile}</script>${KEEP}${snippetTag(api, siteId)}`);
      const visited = await visit();
      const { tab, region } = visited;
      await region.waitFor({ timeout: 5000 });

      const quantity = tab.getByRole("combobox", { name: "Quantity" });
      expect(await visited.options()).toEqual([
        ["1", "1"],
        ["2", "2"],
      ]);
      const shown = await visited.panelText();
      expect(shown).toContain("Regular price: $89.00");
      expect(shown).toContain("Your price: $66.75");
      expect(shown).toContain("You save $22.25");
      // The order was paid a minute before the server's clock: 29 minutes of the 30 are left.
      expect(shown).toMatch(/Offer ends in 2[89]:[0-5]\d/);

      await quantity.selectOption("2");
      await tab.getByText("You save $44.50").waitFor();
      expect(await visited.panelText()).toContain("Your price: $133.50");
      // Decidable once it has been on screen for half a second.
      await tab.locator("button.accept:not([aria-disabled])").waitFor();
      await tab.getByRole("button", { name: "Add to my order" }).click();
      await tab.getByText("Added to your order. One more thing:").waitFor();
      expect(await visited.panelText()).toContain("The food");

      const decision = await world.harness.store.decisions.find(visited.session(), {
        offerId: world.offers.tank,
      });
      expect(decision).toMatchObject({ action: "accept", quantity: 2, amount: 13350, currency: "USD" });
      // The browser's secret is its own and random, whatever the page's crypto and storage answer.
      expect(visited.secret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(visited.secret()).not.toMatch(/^A+$/);

      expect(visited.errors).toEqual([]);
      expect(await visited.windowErrors()).toBe("");
      expect(visited.console).toEqual([]);
      const ticks = await visited.ticks();
      await tab.waitForTimeout(150);
      expect(await visited.ticks()).toBeGreaterThan(ticks);
      expect(await visited.stillReplaced()).toBe(true);
      await tab.context().close();
    },
  );

  test("with the first json.js's members on Object.prototype, the command queue still starts the widget", async () => {
    page = (api, siteId) =>
      thankYouPage(
        `${WATCH}<script>${JSON_JS_2007}</script><script>
          window.aquarium = window.aquarium || function(){(aquarium.q=aquarium.q||[]).push(arguments)};
          aquarium("init", { site: "${siteId}" });
        </script><script async src="${api}/aquarium.js"></script>`,
      );
    const visited = await visit();
    await visited.region.waitFor({ timeout: 5000 });
    expect(await visited.options()).toEqual([
      ["1", "1"],
      ["2", "2"],
    ]);
    expect(visited.console).toEqual([]);
    expect(visited.errors).toEqual([]);
    await visited.close();
  });
});
