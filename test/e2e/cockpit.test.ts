import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadBundle } from "../../server/embed/bundle.ts";
import { ADMIN_TOKEN, type TestApp, testApp } from "../support/app.ts";
import { launchBrowser, serveApp } from "../support/browser.ts";
import { freePort } from "../support/process.ts";

/** The site a thank-you page preview is of: `/preview/<site>/…`. */
const siteIdOf = (url: string) => new URL(url).pathname.split("/")[2] as string;

/** Written for a reviewer to open; not committed (.gitignore). */
const SCREENSHOTS = resolve(import.meta.dirname, "screenshots");

/**
 * A new seller's path in Chromium, through the built admin only: log in, create a site, a product to sell and one
 * to offer, the offer; send a test order, open its thank-you page preview (the real widget claims it and shows the
 * offer), and see both in "Is it working?": the order received, and the preview's claim with its offer shown.
 */
describe("the seller's path to a working installation", () => {
  let browser: Browser;
  let harness: TestApp;
  let server: Awaited<ReturnType<typeof serveApp>>;
  let admin: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
    // The preview's address is on PUBLIC_URL: the server listens where it says it is.
    const port = await freePort();
    harness = await testApp("sqlite", {
      bundle: loadBundle(),
      start: Date.now(),
      env: { PUBLIC_URL: `http://127.0.0.1:${port}` },
    });
    Object.defineProperty(harness, "now", { get: () => Date.now(), set: () => {} });
    server = await serveApp(harness, port);
    admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await harness?.dispose();
  });

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: resolve(SCREENSHOTS, `cockpit-${name}.png`), fullPage: true });
  const save = async (label: string) => {
    await admin.getByRole("button", { name: label }).click();
  };

  test("log in, set up a site, send a test order, see its offer and see it all in Is it working?", async () => {
    await admin.goto(`${server.origin}/admin/`);
    await admin.getByLabel("Admin token").fill(ADMIN_TOKEN);
    await save("Log in");

    await admin.getByLabel("Name").fill("Goldfish & Co");
    await admin.getByLabel("Allowed origins").fill("https://goldfish.example");
    await save("Create the site");
    await admin.getByRole("link", { name: /^Set up “Goldfish & Co”/ }).click();
    await admin.getByRole("heading", { name: "Goldfish & Co", level: 1 }).waitFor();

    await admin
      .getByRole("navigation", { name: "This site" })
      .getByRole("link", { name: "Products" })
      .click();
    for (const [name, sku, price] of [
      ["Goldfish", "goldfish", "3.00"],
      ["Aquarium kit", "aquarium-kit", "89.00"],
    ] as const) {
      await admin
        .getByRole("link", { name: /^(Add a product|add a product)$/ })
        .first()
        .click();
      await admin.getByLabel("Name").fill(name);
      await admin.getByLabel("SKU or product id").fill(sku);
      await admin.getByLabel("Price").fill(price);
      await admin.getByLabel("Currency").fill("USD");
      await save("Add the product");
      await admin.getByRole("rowheader", { name, exact: true }).waitFor();
    }

    await admin.getByRole("navigation", { name: "This site" }).getByRole("link", { name: "Offers" }).click();
    await admin.getByRole("link", { name: "New offer" }).click();
    await admin.getByLabel("Name").fill("Kit for fish buyers");
    await admin.getByLabel("Product", { exact: true }).selectOption({ label: "Aquarium kit" });
    await admin.getByLabel("Percent off").fill("20");
    await save("Create the offer");
    await admin.getByRole("rowheader", { name: "Kit for fish buyers", exact: true }).waitFor();

    await admin
      .getByRole("navigation", { name: "This site" })
      .getByRole("link", { name: "Is it working?" })
      .click();
    await admin.getByRole("heading", { name: "Problems" }).waitFor();
    await expect(
      admin.getByText(/No order from your shop has reached Aquarium yet/).isVisible(),
    ).resolves.toBe(true);
    await shot(admin, "1-new-site");

    await save("Send a test order");
    const link = admin.getByRole("link", { name: "Open its thank-you page preview" });
    await link.waitFor();
    const [preview] = await Promise.all([admin.context().waitForEvent("page"), link.click()]);
    // The real widget on the preview page claims the test order and paints the offer a buyer would see.
    const panel = preview.getByRole("region");
    await panel.waitFor();
    await expect(panel.textContent()).resolves.toContain("Aquarium kit");
    await expect(panel.textContent()).resolves.toContain("$71.20");
    // The panel fades in, in a tab that is in front: the screenshot waits for it to be there in full.
    await preview.bringToFront();
    await expect
      .poll(() => preview.getByRole("button", { name: "Add to my order" }).getAttribute("aria-disabled"))
      .toBeNull();
    await panel.evaluate((element) =>
      Promise.all(element.getAnimations({ subtree: true }).map((animation) => animation.finished)),
    );
    await shot(preview, "2-thank-you-preview");
    // Accepting it charges nothing, and the seller's event says it is a test.
    await preview.getByRole("button", { name: "Add to my order" }).click();
    await expect
      .poll(async () => (await harness.store.outbox.pending(siteIdOf(preview.url())))[0]?.payload)
      .toMatchObject({
        type: "offer.accepted",
        test: true,
        data: { decision: { payment: { provider: "demo" } } },
      });

    await admin.bringToFront();
    await save("Refresh");
    const received = admin.getByRole("table", { name: "WooCommerce" });
    await received.waitFor();
    await expect(received.getByRole("row").nth(1).textContent()).resolves.toMatch(
      /Received\d+ \(test\)Order \d+ was received and registered\./,
    );
    const claims = admin.getByRole("table", { name: new RegExp(`^${server.origin.replaceAll(".", "\\.")}`) });
    await claims.waitFor();
    await expect(claims.getByRole("row").nth(1).textContent()).resolves.toMatch(
      /Shown\d+ \(test\)An offer was shown\./,
    );
    await expect(admin.getByRole("row", { name: /^offer\.accepted \(test\) / }).isVisible()).resolves.toBe(
      true,
    );
    await shot(admin, "3-is-it-working");
    await preview.close();
  }, 90_000);
});
