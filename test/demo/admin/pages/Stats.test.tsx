// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { type browserFetch, errorOf, openAdmin, operator, shopPage } from "../../../support/admin.tsx";
import { type TestApp, testApp } from "../../../support/app.ts";
import { buyer } from "../../../support/buyers.ts";
import { ORDER_KEY, seedShop } from "../../../support/shop.ts";

const DAY = 86_400_000;

describe("the stats page", () => {
  let harness: TestApp;
  let browser: ReturnType<typeof browserFetch>;
  let shop: Awaited<ReturnType<typeof seedShop>>;

  // One set of figures for every test here: the page only reads them.
  beforeAll(async () => {
    harness = await testApp("sqlite");
    shop = await seedShop(harness);
    const page = shopPage(harness);
    const site = shop.siteId;
    // 2026-11-22: tank accepted ($66.75), food shown and declined; tank declined, care shown.
    await buyer(page, site, { id: "727", key: ORDER_KEY, actions: ["accept", "decline"] });
    harness.now += 60_000;
    await buyer(page, site, { id: "728", key: "wc_order_secondbuyer1", actions: ["decline"] });
    harness.now += DAY;
    // 2026-11-23: tank accepted, food shown.
    await buyer(page, site, { id: "729", key: "wc_order_thirdbuyer12", actions: ["accept"] });
    // 2026-11-28: a koi for €5 brings a pond offer (€90.00, accepted); a fish brings the tank (accepted).
    const post = async (path: string, json: unknown) =>
      (await harness.admin(`/sites/${site}/${path}`, { method: "POST", json })).json();
    const koi = (await post("products", { sku: "koi", name: "Koi", price: 500, currency: "EUR" })).product.id;
    const pond = (await post("products", { sku: "pond", name: "Pond", price: 10000, currency: "EUR" }))
      .product.id;
    await post("offers", {
      name: "Pond",
      productId: pond,
      trigger: { products: [koi] },
      discount: { type: "percent", value: 10 },
    });
    harness.now += 5 * DAY;
    const koiOrder = {
      lines: [{ product: "koi", quantity: 1, unitPrice: 500 }],
      total: 500,
      currency: "EUR",
    };
    await buyer(page, site, {
      id: "900",
      key: "wc_order_eurobuyer123",
      actions: ["accept"],
      order: koiOrder,
    });
    await buyer(page, site, { id: "901", key: "wc_order_fourthbuyer1", actions: ["accept"] });
    browser = await operator(harness);
  });
  afterEach(() => cleanup());
  afterAll(() => harness.dispose());

  async function showPeriod(from: string, to: string) {
    openAdmin(harness, `#/sites/${shop.siteId}/stats`, browser);
    fireEvent.input(await screen.findByLabelText("From"), { target: { value: from } });
    fireEvent.input(screen.getByLabelText("To"), { target: { value: to } });
    fireEvent.click(screen.getByRole("button", { name: "Show" }));
  }
  const total = (label: string) => screen.getByText(label, { selector: "dt" }).nextElementSibling;
  /** A table's rows (after the heading row), each as its first cell → the text of the others. */
  const rowsOf = (table: HTMLElement) => {
    const cells = (row: HTMLElement) => [...row.querySelectorAll("th, td")].map((cell) => cell.textContent);
    return Object.fromEntries(
      within(table)
        .getAllByRole("row")
        .slice(1)
        .map((row) => [cells(row)[0], cells(row).slice(1)]),
    );
  };

  test("the totals show offers shown, accepted, declined, the accept rate, the orders and the money with its currency", async () => {
    await showPeriod("2026-11-22", "2026-11-23");
    await screen.findByRole("table", { name: "Per offer, 2026-11-22 to 2026-11-23" });
    expect(total("Offers shown")?.textContent).toBe("6");
    expect(total("Accepted")?.textContent).toBe("2");
    expect(total("Declined")?.textContent).toBe("2");
    expect(total("Accept rate")?.textContent).toBe("33.3%");
    expect(total("Orders shown an offer")?.textContent).toBe("3");
    // The catalogue sells in euros too: nothing was, and it says so in euros rather than "0".
    expect(total("Revenue added (paid, net of refunds)")?.textContent).toBe("€0.00$133.50");
    expect([...(total("Pending")?.querySelectorAll("li") ?? [])].map((li) => li.textContent)).toEqual([
      "€0.00",
      "$0.00",
    ]);
    expect(total("Refunded")?.querySelectorAll("li")[1]?.textContent).toBe("$0.00");
    expect(total("Revenue per offer shown")?.querySelectorAll("li")[1]?.textContent).toBe("$22.25");
    expect(total("Revenue added per order")?.querySelectorAll("li")[1]?.textContent).toBe("$44.50");
  });

  test("several currencies are listed one under the other, never added together", async () => {
    await showPeriod("2026-11-28", "2026-11-28");
    await screen.findByRole("table", { name: "Per offer, 2026-11-28 to 2026-11-28" });
    const paid = [...(total("Revenue added (paid, net of refunds)")?.querySelectorAll("li") ?? [])];
    expect(paid.map((li) => li.textContent)).toEqual(["€90.00", "$66.75"]);
    const offers = rowsOf(screen.getByRole("table", { name: "Per offer, 2026-11-28 to 2026-11-28" }));
    expect(offers.Pond?.[4]).toBe("€90.00");
    expect(offers.Tank?.[4]).toBe("$66.75");
    const step = rowsOf(screen.getByRole("table", { name: "Per funnel step, 2026-11-28 to 2026-11-28" }));
    expect(step["1: the first offer"]?.slice(0, 5)).toEqual(["2", "2", "0", "100%", "€90.00$66.75"]);
  });

  test("a row per offer and per funnel step, with the accept rate as a percentage and the money", async () => {
    await showPeriod("2026-11-22", "2026-11-23");
    const offers = rowsOf(await screen.findByRole("table", { name: "Per offer, 2026-11-22 to 2026-11-23" }));
    expect(Object.keys(offers)).toEqual(["Tank", "Food", "Care"]);
    expect(offers.Tank).toEqual(["3", "2", "1", "66.7%", "$133.50", "$0.00", "$0.00", "$44.50"]);
    expect(offers.Food).toEqual(["2", "0", "1", "0%", "$0.00", "$0.00", "$0.00", "$0.00"]);
    expect(offers.Care?.slice(0, 4)).toEqual(["1", "0", "0", "0%"]);
    const steps = rowsOf(screen.getByRole("table", { name: "Per funnel step, 2026-11-22 to 2026-11-23" }));
    expect(steps).toEqual({
      "1: the first offer": ["3", "2", "1", "66.7%", "$133.50", "$0.00", "$0.00", "$44.50"],
      "2: after an answer": ["3", "0", "1", "0%", "$0.00", "$0.00", "$0.00", "$0.00"],
    });
  });

  test("on a phone each cell says its column: every figure cell carries its column's name", async () => {
    await showPeriod("2026-11-22", "2026-11-23");
    const table = await screen.findByRole("table", { name: "Per offer, 2026-11-22 to 2026-11-23" });
    const headings = [...table.querySelectorAll("thead th")].slice(1).map((th) => th.textContent);
    for (const row of [...table.querySelectorAll("tbody tr")])
      expect([...row.querySelectorAll("td")].map((td) => td.getAttribute("data-label"))).toEqual(headings);
  });

  test("the counts chart has one bar group per day of the period, each bar as tall as its figure", async () => {
    await showPeriod("2026-11-21", "2026-11-24");
    const chart = await screen.findByRole("img", {
      name: /shown, accepted and declined per day, 2026-11-21 to 2026-11-24/,
    });
    expect(chart.tagName.toLowerCase()).toBe("svg");
    const groups = [...chart.querySelectorAll("g.day")];
    expect(groups.map((group) => group.getAttribute("data-day"))).toEqual([
      "2026-11-21",
      "2026-11-22",
      "2026-11-23",
      "2026-11-24",
    ]);
    const heights = (day: string) =>
      [...chart.querySelectorAll(`g[data-day="${day}"] rect`)].map((bar) =>
        Number(bar.getAttribute("height")),
      );
    // Shown, accepted, declined: 4, 1, 2 on the 22nd, 2, 1, 0 on the 23rd; the tallest bar is the day with 4.
    const [shown22, accepted22, declined22] = heights("2026-11-22") as [number, number, number];
    expect(shown22).toBeGreaterThan(0);
    expect(accepted22 / shown22).toBeCloseTo(1 / 4);
    expect(declined22 / shown22).toBeCloseTo(2 / 4);
    expect(heights("2026-11-23").map((h) => h / shown22)).toEqual([0.5, 0.25, 0]);
    expect(heights("2026-11-21")).toEqual([0, 0, 0]);
    expect(chart.querySelector('g[data-day="2026-11-22"] title')?.textContent).toBe(
      "2026-11-22: 4 shown, 1 accepted, 2 declined",
    );
  });

  test("a money chart per currency shows what was paid each day, its amounts written with the currency", async () => {
    await showPeriod("2026-11-22", "2026-11-23");
    const usd = await screen.findByRole("img", {
      name: "Revenue in USD per day, paid and pending, 2026-11-22 to 2026-11-23",
    });
    expect(usd.querySelector('g[data-day="2026-11-23"] title')?.textContent).toBe(
      "2026-11-23: $66.75 paid, $0.00 pending",
    );
    const [paid22] = [...usd.querySelectorAll('g[data-day="2026-11-22"] rect')].map((bar) =>
      Number(bar.getAttribute("height")),
    );
    expect(paid22).toBeGreaterThan(0);
    expect(
      screen.getByRole("img", { name: /Revenue in EUR per day/ }).querySelector("g.day title")?.textContent,
    ).toBe("2026-11-22: €0.00 paid, €0.00 pending");
  });

  test("both CSV exports are links for the period shown", async () => {
    await showPeriod("2026-11-22", "2026-11-23");
    const figures = await screen.findByRole("link", { name: "the figures (CSV)" });
    const base = `/admin/api/sites/${shop.siteId}/stats`;
    expect(figures.getAttribute("href")).toBe(`${base}/figures.csv?from=2026-11-22&to=2026-11-23`);
    expect(screen.getByRole("link", { name: "the order list (CSV)" }).getAttribute("href")).toBe(
      `${base}/orders.csv?from=2026-11-22&to=2026-11-23`,
    );
  });

  test("the orders shown an offer are listed under the figures, for the same period", async () => {
    await showPeriod("2026-11-22", "2026-11-23");
    await screen.findByText("3 orders, page 1 of 1");
    const table = screen.getByRole("table", { name: /Orders shown an offer, 2026-11-22 to 2026-11-23/ });
    expect(
      within(table)
        .getAllByRole("rowheader")
        .map((cell) => cell.textContent),
    ).toEqual(["729 · WooCommerce", "728 · WooCommerce", "727 · WooCommerce"]);
  });

  test("a period that ends before it starts is refused next to its start, and the dates typed stay", async () => {
    await showPeriod("2026-11-25", "2026-11-22");
    const from = screen.getByLabelText("From") as HTMLInputElement;
    await waitFor(() => expect(errorOf(from)).toBe("must be on or before to"));
    expect(from.value).toBe("2026-11-25");
    expect((screen.getByLabelText("To") as HTMLInputElement).value).toBe("2026-11-22");
  });
});
