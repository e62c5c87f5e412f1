// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { type browserFetch, openAdmin, operator, shopPage } from "../../../support/admin.tsx";
import { type TestApp, testApp } from "../../../support/app.ts";
import { buyer } from "../../../support/buyers.ts";
import { failDueEvents } from "../../../support/outbox.ts";
import { claim, ORDER_KEY, paidOrder, seedShop } from "../../../support/shop.ts";

/** "Is it working?", the site's cockpit, as a seller sees it: each state of each section. */
describe("the cockpit page", () => {
  let harness: TestApp;
  let browser: ReturnType<typeof browserFetch>;
  let shop: Awaited<ReturnType<typeof seedShop>>;

  beforeEach(async () => {
    harness = await testApp("sqlite");
    shop = await seedShop(harness);
    browser = await operator(harness);
  });
  afterEach(async () => {
    cleanup();
    await harness.dispose();
  });

  const section = async (title: string) =>
    within((await screen.findByRole("heading", { name: title })).closest("section") as HTMLElement);
  const open = async () => {
    openAdmin(harness, `#/sites/${shop.siteId}/cockpit`, browser);
    await screen.findByRole("heading", { name: "Problems" });
  };

  test("is a tab of the site's pages, and a new site's cockpit says what is still to do, with where to do it", async () => {
    openAdmin(harness, `#/sites/${shop.siteId}`, browser);
    const tab = await screen.findByRole("link", { name: "Is it working?" });
    expect(tab.getAttribute("href")).toBe(`#/sites/${shop.siteId}/cockpit`);
    cleanup();

    await open();
    const problems = await section("Problems");
    expect(problems.getByText(/No order from your shop has reached Aquarium yet/)).toBeTruthy();
    expect(problems.getByRole("link", { name: "See the set-up steps" }).getAttribute("href")).toBe(
      `#/sites/${shop.siteId}`,
    );
    expect(
      (await section("Orders received")).getByText(/No order webhook has reached this site yet/),
    ).toBeTruthy();
    expect(
      (await section("Thank-you pages")).getByText(/No thank-you page has asked for an offer yet/),
    ).toBeTruthy();
    expect(await (await section("Events sent to your webhook")).findByText(/No event yet/)).toBeTruthy();
  });

  test("with nothing wrong, it says so", async () => {
    await paidOrder(harness, shop.siteId);
    await open();
    expect((await section("Problems")).getByText("No problem the server can see.")).toBeTruthy();
  });

  test("a test order is sent, its preview linked, and it shows among the orders received as a test", async () => {
    await open();
    const sender = await section("Send a test order");
    fireEvent.click(sender.getByRole("button", { name: "Send a test order" }));
    const preview = await sender.findByRole("link", { name: "Open its thank-you page preview" });
    expect(preview.getAttribute("href")).toMatch(
      new RegExp(`/preview/${shop.siteId}/checkout/order-received/\\d+/\\?key=wc_order_`),
    );
    expect(preview.getAttribute("target")).toBe("_blank");
    expect(sender.getByRole("status").textContent).toMatch(/^Test order \d+ \(\$3\.00\) was registered\./);

    const received = await section("Orders received");
    const table = await received.findByRole("table", { name: "WooCommerce" });
    const [row] = within(table).getAllByRole("row").slice(1);
    expect(row?.textContent).toMatch(/Received\d+ \(test\)Order \d+ was received and registered\./);
  });

  test("a test order the site cannot send says why, beside the button", async () => {
    await open();
    const sender = await section("Send a test order");
    fireEvent.change(sender.getByLabelText("Through"), { target: { value: "stripe" } });
    fireEvent.click(sender.getByRole("button", { name: "Send a test order" }));
    expect((await sender.findByRole("alert")).textContent).toMatch(/no Stripe signing secret yet/);
    expect(sender.queryByRole("link", { name: "Open its thank-you page preview" })).toBeNull();
  });

  test("a refused origin says to add it, and one click allows it", async () => {
    await paidOrder(harness, shop.siteId);
    const woo = { source: "woocommerce", id: "727", key: ORDER_KEY };
    await claim(shopPage(harness), { site: shop.siteId, order: woo }, { origin: "https://www.fish.example" });
    await open();
    const pages = await section("Thank-you pages");
    const refused = await pages.findByRole("table", { name: /^https:\/\/www\.fish\.example/ });
    expect(within(refused).getByText(/is not among this site's allowed origins .*; add it\?/)).toBeTruthy();
    expect(within(refused).getAllByRole("row")[1]?.textContent).toContain("None");

    fireEvent.click(within(refused).getByRole("button", { name: "Allow https://www.fish.example" }));
    await waitFor(async () => {
      const site = await harness.store.sites.get(shop.siteId);
      expect(site?.allowedOrigins).toEqual(["https://fish.example", "https://www.fish.example"]);
    });
    await waitFor(() => expect(pages.queryByRole("button", { name: /^Allow / })).toBeNull());
  });

  test("an event given up on can be sent again, and then shows as being sent", async () => {
    await buyer(shopPage(harness), shop.siteId, { id: "727", key: ORDER_KEY, actions: ["decline"] });
    expect(await failDueEvents(harness, { error: "connection refused", status: null, retryAt: null })).toBe(
      1,
    );

    await open();
    const sent = await section("Events sent to your webhook");
    const row = (await sent.findByText("offer.declined")).closest("tr") as HTMLElement;
    expect(row.textContent).toContain("Given up");
    expect(row.textContent).toContain("connection refused");
    fireEvent.click(within(row).getByRole("button", { name: /^Send offer\.declined of .* again$/ }));
    expect((await sent.findByText("offer.declined will be sent again.")).getAttribute("role")).toBe("status");
    await waitFor(() =>
      expect((sent.getByText("offer.declined").closest("tr") as HTMLElement).textContent).toContain(
        "Being sent",
      ),
    );
  });
});
