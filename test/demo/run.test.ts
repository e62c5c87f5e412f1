import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TEST_CARDS, type TestCard } from "../../demo/shop/stripe.ts";
import { STAND_IN_LABEL } from "../../demo/stand-ins/stripe-pages.ts";
import { launchBrowser } from "../support/browser.ts";
import { freePort, outputOf, ROOT, waitForText } from "../support/process.ts";

/**
 * `npm run demo`, started the way the README says, on a fresh database: the shop, both thank-you pages
 * and the admin answer, and a buyer walks each checkout flavour to its offer in Chromium.
 */
describe("npm run demo", () => {
  let child: ChildProcess;
  let base: string;
  let output = "";
  let browser: Browser;
  const database = join(tmpdir(), `aq-demo-${process.pid}-${Date.now()}.db`);

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn("npm", ["run", "demo"], {
      cwd: ROOT,
      // Not under vitest's name: the build prints to a newcomer what it prints outside the tests.
      env: {
        ...process.env,
        VITEST: undefined,
        PORT: String(port),
        DATABASE_URL: `sqlite:${database}`,
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const captured = outputOf(child);
    await waitForText(child, captured, "seller's inbox", 60_000);
    // What it printed on starting: the tests read that.
    output = captured();
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    if (child?.pid) process.kill(-child.pid, "SIGTERM");
    await new Promise((done) => child?.once("exit", done));
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${database}${suffix}`, { force: true });
  });

  test("prints where the shop and the admin are, and the admin token to log in with", () => {
    expect(output).toContain(`${base}/shop/`);
    expect(output).toContain(`${base}/admin/`);
    expect(output).toMatch(/admin token: demo-[\w-]{20,}/);
    expect(output).toMatch(/site owner token {2}aqo_[\w-]{43}/);
  });

  test("prints the demo site's own snippet to paste, never a placeholder", () => {
    const tag = new RegExp(
      `^<script async src="${base}/aquarium\\.[0-9a-f]{12}\\.js" integrity="sha384-[\\w+/=]+" crossorigin="anonymous" data-site="site_[\\w-]+"></script>$`,
      "m",
    );
    expect(output).toMatch(tag);
    expect(output).not.toMatch(/YOUR_SITE_ID|data-site="(?!site_)/);
  });

  test("/ leads to the shop, the admin and the seller's inbox, and the demo's pages and the admin have an icon", async () => {
    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    const html = await home.text();
    for (const href of ["/shop/", "/admin/", "/shop/seller"]) expect(html).toContain(`href="${href}"`);
    for (const icon of ["/favicon.svg", "/admin/favicon.svg"]) {
      const answer = await fetch(`${base}${icon}`);
      expect(answer.status, icon).toBe(200);
      expect(answer.headers.get("content-type"), icon).toMatch(/^image\/svg\+xml/);
    }
    expect(await (await fetch(`${base}/admin/`)).text()).toContain('href="/admin/favicon.svg"');
  });

  test("the products' pictures are drawings, served as SVG", async () => {
    const picture = await fetch(`${base}/shop/img/goldfish.svg`);
    expect(picture.headers.get("content-type")).toBe("image/svg+xml");
    expect(await picture.text()).toContain("<title>A goldfish</title>");
    expect((await fetch(`${base}/shop/img/unicorn.svg`)).status).toBe(404);
  });

  test("accepting the aquarium kit brings the goldfish food at once: the funnel's next step", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${base}/shop/p/goldfish`);
    await page.getByRole("button", { name: "Buy now (a WooCommerce shop)" }).click();
    const region = page.getByRole("region", { name: "A special offer for your order" });
    await region.waitFor();
    expect(await region.innerText()).toContain("the 60 L aquarium kit");
    await region.getByRole("button", { name: "Add to my order" }).click();
    await region.getByText("Something to eat in the new home").waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  test("the shop lists the front-end products and the admin answers", async () => {
    const shop = await (await fetch(`${base}/shop/`)).text();
    for (const name of ["Goldfish", "Inkjet printer", "Safety razor", "E-book: Build your website"])
      expect(shop).toContain(name);
    expect(shop).not.toContain("60 L aquarium kit"); // the back-end product is offered after the sale, not sold up front
    const admin = await fetch(`${base}/admin/`);
    expect(admin.status).toBe(200);
    expect(admin.headers.get("content-type")).toMatch(/text\/html/);
  });

  test("with the webhook delivered 5 s late, as real shops often do, the thank-you page comes first, then the offer", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${base}/shop/p/goldfish`);
    await page.getByLabel("Deliver the order webhook 5 s late, as real shops often do").check();
    await page.getByRole("button", { name: "Buy now (a WooCommerce shop)" }).click();
    await page.waitForURL(/\/shop\/checkout\/order-received\/\d+\/\?key=wc_order_\w+$/);
    expect(await page.locator("aquarium-offer").count()).toBe(0);
    const region = page.getByRole("region", { name: "A special offer for your order" });
    await region.waitFor({ timeout: 20_000 });
    expect(await region.innerText()).toContain("Give your goldfish a home");
    expect(errors).toEqual([]);
    await context.close();
  }, 30_000);

  test.each([
    [
      "WooCommerce",
      "Buy now (a WooCommerce shop)",
      /\/shop\/checkout\/order-received\/\d+\/\?key=wc_order_\w+$/,
    ],
    [
      "Stripe Checkout",
      "Pay with Stripe Checkout (a static site)",
      /\/shop\/thanks\/\?session_id=cs_test_\w+$/,
    ],
  ])(
    "a %s checkout leads to a thank-you page with the offer, accepted in one click",
    async (_name, button, url) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(`${base}/shop/p/goldfish`);
      await page.getByRole("button", { name: button }).click();
      await page.waitForURL(url);
      const html = await page.content();
      expect(html).toMatch(
        /<script async="" src="http:\/\/127\.0\.0\.1:\d+\/aquarium\.[0-9a-f]{12}\.js" integrity="sha384-[\w+/=]+" crossorigin="anonymous" data-site="site_[\w-]+"><\/script>/,
      );
      const region = page.getByRole("region", { name: "A special offer for your order" });
      await region.waitFor();
      expect(await region.innerText()).toContain("Give your goldfish a home");
      expect(await region.innerText()).toContain("€66.75");
      await page.getByRole("button", { name: "No, thanks" }).click();
      await page.getByText("No problem. Perhaps this instead:").waitFor();
      expect(await region.innerText()).toContain("Start with clean water");
      await page.getByRole("button", { name: "Add to my order" }).click();
      await page.getByText("Added to your order. Thank you!").waitFor();
      await page.reload();
      await page.waitForLoadState("networkidle");
      expect(await page.getByRole("button", { name: "Add to my order" }).count()).toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  /** A goldfish paid through the Stripe stand-in with a test card, and the offer on its thank-you page accepted. */
  async function acceptAfterStripeStandIn(card: TestCard) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${base}/shop/p/goldfish`);
    await page.getByLabel(TEST_CARDS[card].label).check();
    await page.getByRole("button", { name: "Pay with Stripe (stand-in)" }).click();
    await page.waitForURL(/\/shop\/stripe\/thanks\/\?session_id=cs_test_\w+$/);
    const region = page.getByRole("region", { name: "A special offer for your order" });
    const accept = region.getByRole("button", { name: "Add to my order" });
    await expect.poll(() => accept.getAttribute("aria-disabled")).toBeNull();
    await accept.click();
    return { context, page, region, errors, thankYou: page.url() };
  }
  const receiptLine = (page: Page) =>
    page.getByRole("region", { name: "A special offer for your order" }).getByRole("listitem").first();

  test("Stripe stand-in, a saved card: the offer is charged in one click and the panel says Paid", async () => {
    const { context, page, errors } = await acceptAfterStripeStandIn("saved");
    await expect.poll(() => receiptLine(page).innerText()).toMatch(/€66\.75 · Paid$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  test("Stripe stand-in, a card that needs 3-D Secure: the stand-in's bank page, plainly labelled, then back on the thank-you page, Paid", async () => {
    const { context, page, region, errors, thankYou } = await acceptAfterStripeStandIn("3ds");
    await region.getByRole("link", { name: "Confirm with your bank" }).click();
    await page.waitForURL(`${base}/stand-ins/stripe/3ds/pi_*`);
    expect(await page.getByRole("note").innerText()).toBe(STAND_IN_LABEL);
    await page.getByRole("button", { name: "Complete authentication" }).click();
    await page.waitForURL(thankYou);
    await expect.poll(() => receiptLine(page).innerText()).toMatch(/€66\.75 · Paid$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  test("Stripe stand-in, a declined card: the panel says the payment failed and offers the downsell", async () => {
    const { context, region, errors } = await acceptAfterStripeStandIn("declined");
    await expect
      .poll(() => region.getByRole("status").innerText())
      .toBe("Payment failed: nothing was charged. No problem. Perhaps this instead:");
    expect(await region.innerText()).toContain("Start with clean water");
    expect(errors).toEqual([]);
    await context.close();
  });

  test("Stripe stand-in, a card not saved: a pay link and its QR code, paid on the stand-in's Checkout in another tab, and the panel says Paid", async () => {
    const { context, page, region, errors } = await acceptAfterStripeStandIn("not-saved");
    const pay = region.getByRole("link", { name: "Pay €66.75" });
    await pay.waitFor();
    expect(await region.getByRole("img", { name: "Scan to pay by phone" }).count()).toBe(1);
    const [checkout] = await Promise.all([context.waitForEvent("page"), pay.click()]);
    await checkout.waitForURL(`${base}/stand-ins/stripe/checkout/cs_test_*`);
    expect(await checkout.getByRole("note").innerText()).toBe(STAND_IN_LABEL);
    await checkout.getByRole("button", { name: "Pay" }).click();
    await expect.poll(() => receiptLine(page).innerText(), { timeout: 12_000 }).toMatch(/€66\.75 · Paid$/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
