import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { ShownOrdersAnswer } from "../../../server/contract/index.ts";
import { type TestApp, testApp } from "../../support/app.ts";
import { buyer } from "../../support/buyers.ts";
import { csvRecords, parseCsv } from "../../support/csv.ts";
import { ENGINES } from "../../support/engines.ts";
import { ORDER_KEY, seedShop } from "../../support/shop.ts";

const PERIOD = "?from=2026-11-22&to=2026-11-23";

describe.each(ENGINES)("the order list and the CSV exports on %s", (engine) => {
  let harness: TestApp;
  let shop: Awaited<ReturnType<typeof seedShop>>;

  beforeEach(async () => {
    // Every buyer here claims from one address: the per-client claim limit would count them all as one.
    harness = await testApp(engine, { limits: { claimsPerIp: 100_000 } });
    shop = await seedShop(harness);
  });
  afterEach(() => harness.dispose());

  /** Three buyers over two days: tank accepted then food declined; tank declined; tank accepted the next day. */
  async function threeBuyers() {
    const site = shop.siteId;
    await buyer(harness, site, { id: "727", key: ORDER_KEY, actions: ["accept", "decline"] });
    harness.now += 60_000;
    await buyer(harness, site, { id: "728", key: "wc_order_secondbuyer1", actions: ["decline"] });
    harness.now += 86_400_000;
    await buyer(harness, site, { id: "729", key: "wc_order_thirdbuyer12", actions: ["accept"] });
  }

  const orders = async (query: string) => {
    const response = await harness.admin(`/sites/${shop.siteId}/stats/orders${query}`);
    expect(response.status).toBe(200);
    return ShownOrdersAnswer.parse(await response.json());
  };

  test("lists the orders shown an offer, the latest first, with each offer as the buyer saw it, the decision and the payment", async () => {
    await threeBuyers();
    const list = await orders(PERIOD);
    expect(list).toMatchObject({ from: "2026-11-22", to: "2026-11-23", page: 1, pages: 1, total: 3 });
    expect(list.orders.map((order) => order.order)).toEqual(["729", "728", "727"]);
    const first = list.orders[2];
    expect(first).toMatchObject({
      source: "woocommerce",
      currency: "USD",
      shownAt: "2026-11-22T12:00:00.000Z",
    });
    expect(first?.offers).toEqual([
      {
        step: 1,
        offerId: shop.offers.tank,
        name: "Tank",
        title: "The tank",
        price: 6675,
        shownAt: "2026-11-22T12:00:00.000Z",
        action: "accept",
        quantity: 1,
        amount: 6675,
        payment: "paid",
        refunded: 0,
      },
      {
        step: 2,
        offerId: shop.offers.food,
        name: "Food",
        title: "The food",
        price: 400,
        shownAt: "2026-11-22T12:00:00.000Z",
        action: "decline",
        quantity: null,
        amount: null,
        payment: null,
        refunded: 0,
      },
    ]);
    // Declined, then the downsell shown and left unanswered.
    expect(list.orders[1]?.offers.map((offer) => [offer.name, offer.action])).toEqual([
      ["Tank", "decline"],
      ["Care", null],
    ]);
  });

  test("pages the orders 50 at a time, the latest first, each order on one page only, and counts them all", async () => {
    for (let n = 0; n < 52; n++) {
      await buyer(harness, shop.siteId, { id: String(1000 + n), key: `wc_order_buyer${1000 + n}` });
      harness.now += 1000;
    }
    const [first, second, beyond] = [await orders(""), await orders("?page=2"), await orders("?page=3")];
    expect([first.total, first.pages, first.orders.length]).toEqual([52, 2, 50]);
    expect([second.page, second.orders.length]).toEqual([2, 2]);
    expect(first.orders[0]?.order).toBe("1051");
    expect(second.orders.map((order) => order.order)).toEqual(["1001", "1000"]);
    const seen = [...first.orders, ...second.orders].map((order) => order.order);
    expect(new Set(seen).size).toBe(52);
    expect(beyond.orders).toEqual([]);
  });

  test.each(["0", "-1", "two", "1.5"])("page=%s is a 400 naming the page", async (page) => {
    const response = await harness.admin(`/sites/${shop.siteId}/stats/orders?page=${page}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: "invalid_request", fields: { page: expect.any(String) } },
    });
  });

  test("the stats as CSV: a file to save, a header row, a row per currency, amounts in major units beside their currency", async () => {
    await threeBuyers();
    const response = await harness.admin(`/sites/${shop.siteId}/stats/figures.csv${PERIOD}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="aquarium-stats-${shop.siteId}-2026-11-22-to-2026-11-23.csv"`,
    );
    const records = csvRecords(await response.text());
    const row = (section: string, name: string) =>
      records.find((record) => record.Section === section && record.Name === name);
    expect(row("All offers", "2026-11-22 to 2026-11-23")).toEqual({
      Section: "All offers",
      Name: "2026-11-22 to 2026-11-23",
      Currency: "USD",
      Shown: "6",
      Accepted: "2",
      Declined: "2",
      "Accept rate (%)": "33.33",
      "Paid, net of refunds": "133.50",
      Pending: "0.00",
      Refunded: "0.00",
      "Revenue per offer shown": "22.25",
      "Orders shown an offer": "3",
      "Revenue per order shown an offer": "44.50",
    });
    expect(row("Funnel step", "Step 2")).toMatchObject({
      Shown: "3",
      Accepted: "0",
      "Paid, net of refunds": "0.00",
    });
    expect(row("Offer", "Tank")).toMatchObject({
      Shown: "3",
      Accepted: "2",
      "Paid, net of refunds": "133.50",
    });
    expect(row("Day", "2026-11-23")).toMatchObject({ Shown: "2", "Paid, net of refunds": "66.75" });
    expect(records.map((record) => record.Section)).toEqual([
      "All offers",
      "Funnel step",
      "Funnel step",
      "Offer",
      "Offer",
      "Offer",
      "Day",
      "Day",
    ]);
  });

  test("the order list as CSV: a row per offer shown, with the decision, the amount and the payment", async () => {
    await threeBuyers();
    const response = await harness.admin(`/sites/${shop.siteId}/stats/orders.csv${PERIOD}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="aquarium-orders-${shop.siteId}-2026-11-22-to-2026-11-23.csv"`,
    );
    const rows = parseCsv(await response.text());
    expect(rows[0]).toEqual([
      "Order",
      "Platform",
      "Shown at (UTC)",
      "Step",
      "Offer",
      "Title shown",
      "Currency",
      "Price shown",
      "Decision",
      "Quantity",
      "Amount",
      "Payment",
      "Refunded",
    ]);
    expect(rows.slice(1).map((row) => [row[0], row[3], row[4], row[7], row[8], row[10], row[11]])).toEqual([
      ["729", "1", "Tank", "66.75", "accepted", "66.75", "paid"],
      ["729", "2", "Food", "4.00", "no answer", "", ""],
      ["728", "1", "Tank", "66.75", "declined", "", ""],
      ["728", "2", "Care", "15.20", "no answer", "", ""],
      ["727", "1", "Tank", "66.75", "accepted", "66.75", "paid"],
      ["727", "2", "Food", "4.00", "declined", "", ""],
    ]);
  });

  test("a name a spreadsheet would run as a formula is written as text in both files", async () => {
    const formula = '=HYPERLINK("https://evil.example","Tank")';
    const renamed = await harness.admin(`/sites/${shop.siteId}/offers/${shop.offers.tank}`, {
      method: "PATCH",
      json: { name: formula, title: "@SUM(1,2)" },
    });
    expect(renamed.status).toBe(200);
    await buyer(harness, shop.siteId, { id: "727", key: ORDER_KEY, actions: ["accept"] });

    const stats = await (await harness.admin(`/sites/${shop.siteId}/stats/figures.csv`)).text();
    expect(stats).toContain(`Offer,"'=HYPERLINK(""https://evil.example"",""Tank"")",USD`);
    expect(csvRecords(stats).find((record) => record.Section === "Offer")?.Name).toBe(`'${formula}`);

    const list = csvRecords(await (await harness.admin(`/sites/${shop.siteId}/stats/orders.csv`)).text());
    expect(list[0]).toMatchObject({ Offer: `'${formula}`, "Title shown": "'@SUM(1,2)" });
  });
});
