import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { launchBrowser, type ShopWorld, snippetWorld, THANK_YOU_PATH } from "../support/browser.ts";

/** The panel in every state passes an axe scan (WCAG 2.1 AA), and works with the keyboard alone. */
describe("the panel's accessibility", () => {
  let browser: Browser;
  let world: ShopWorld;
  let context: BrowserContext;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());
  beforeEach(async () => {
    world = await snippetWorld();
    context = await browser.newContext();
  });
  afterEach(async () => {
    await context.close();
    await world.close();
  });

  async function open(setup?: (page: Page) => Promise<void>): Promise<Page> {
    const page = await context.newPage();
    await setup?.(page);
    await page.goto(`${world.host}${THANK_YOU_PATH}`);
    await page.getByRole("region").waitFor();
    return page;
  }

  /** axe scans inside open shadow roots; only the panel is scanned (the test page is not the product). */
  async function violations(page: Page): Promise<string[]> {
    const results = await new AxeBuilder({ page })
      .include("aquarium-offer")
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .analyze();
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }

  const states: [string, (page: Page) => Promise<void>, ((page: Page) => Promise<void>)?][] = [
    ["an open offer", async () => {}],
    [
      "the next upsell after an accept",
      async (page) => {
        await page.getByRole("button", { name: "Add to my order" }).click();
        await page.getByText("One more thing").waitFor();
      },
    ],
    [
      "the downsell after a decline",
      async (page) => {
        await page.getByRole("button", { name: "No, thanks" }).click();
        await page.getByText("Perhaps this instead").waitFor();
      },
    ],
    [
      "the end of the funnel",
      async (page) => {
        await page.getByRole("button", { name: "No, thanks" }).click();
        await page.getByText("Perhaps this instead").waitFor();
        await page.getByRole("button", { name: "No, thanks" }).click();
        await page.getByText("Enjoy your order").waitFor();
      },
    ],
    [
      "an error, ready to retry",
      async (page) => {
        await page.route(`${world.api}/v1/sessions/*/decisions`, (route) => route.abort());
        await page.getByRole("button", { name: "Add to my order" }).click();
        await page.getByRole("alert").waitFor();
      },
    ],
    [
      "an expired offer",
      async (page) => {
        await page.clock.fastForward("31:00");
        await page.getByText("This offer has expired.").waitFor();
      },
      // The page's clock is ours from the start, so the countdown's timer can be moved past the end.
      (page) => page.clock.install(),
    ],
  ];

  test.each(states)("%s has no axe violation", async (_name, reach, setup) => {
    const page = await open(setup);
    await reach(page);
    expect(await violations(page)).toEqual([]);
  });

  test("an offer already answered in another tab: the late tab catches up (what was added, the next step), without violation", async () => {
    const first = await open();
    const second = await open();
    await first.getByRole("button", { name: "Add to my order" }).click();
    await first.getByText("One more thing").waitFor();
    await second.getByRole("button", { name: "Add to my order" }).click();
    await second.getByText("Added to your order. One more thing:").waitFor();
    expect(await second.getByRole("heading", { level: 2 }).innerText()).toBe("The food");
    expect(await second.locator("aquarium-offer").getByRole("listitem").innerText()).toMatch(
      /^The tank × 1: /,
    );
    expect(await violations(second)).toEqual([]);
  });

  /** Waits until the offer on screen may be decided (after half a second): a key press before is no choice either. */
  const seen = (page: Page) =>
    expect.poll(() => page.locator("aquarium-offer button[aria-disabled=true]").count()).toBe(0);

  test("the keyboard alone reaches the offer, accepts it, and focus follows to the next step", async () => {
    const page = await open();
    await seen(page);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("BODY"); // nothing stolen on load
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(
        () => document.activeElement?.shadowRoot?.activeElement?.textContent ?? "",
      );
      if (focused === "Add to my order") break;
    }
    await page.keyboard.press("Enter");
    await page.getByText("One more thing").waitFor();
    // Focus moves once the next step is painted, a frame after its text is in the DOM.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.tagName))
      .toBe("H2");
    await seen(page);
    // From the title: Tab to "Add to my order", Tab to "No, thanks", Enter.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent)).toBe(
      "No, thanks",
    );
    await page.keyboard.press("Enter");
    await page.getByText("No problem. Enjoy your order!").waitFor();
  });
});
