// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { SessionResponse } from "../../../../server/contract/index.ts";
import { sha256Hex } from "../../../../server/crypto.ts";
import { type browserFetch, errorOf, openAdmin, operator, shopPage } from "../../../support/admin.tsx";
import { type TestApp, testApp } from "../../../support/app.ts";
import { BROWSER_SECRET, claim, decide, ORDER_KEY, paidOrder, seedShop } from "../../../support/shop.ts";

describe("the stats page", () => {
  let harness: TestApp;
  let browser: ReturnType<typeof browserFetch>;
  let shop: Awaited<ReturnType<typeof seedShop>>;

  /** One buyer of order `id`: claims the offer, then decides each one shown in turn. */
  async function buyer(id: string, key: string, actions: ("accept" | "decline")[]) {
    await paidOrder(harness, shop.siteId, { externalId: id, keyHash: sha256Hex(key) });
    const answer = await claim(shopPage(harness), {
      site: shop.siteId,
      order: { source: "woocommerce", id, key },
    });
    const body = SessionResponse.parse(await answer.json());
    let offer = body.offer?.id;
    for (const [i, action] of actions.entries()) {
      if (!offer) break;
      const decided = await decide(
        shopPage(harness),
        body.session.id,
        BROWSER_SECRET,
        { offer, action },
        `key-${id}-${i}`,
      );
      offer = ((await decided.json()) as { next: { id: string } | null }).next?.id;
    }
  }

  // One set of figures for every test here: the page only reads them.
  beforeAll(async () => {
    harness = await testApp("sqlite");
    shop = await seedShop(harness);
    await buyer("727", ORDER_KEY, ["accept", "decline"]); // tank accepted ($66.75), food shown and declined
    await buyer("728", "wc_order_secondbuyer1", ["decline"]); // tank declined, care shown
    harness.now += 86_400_000;
    await buyer("729", "wc_order_thirdbuyer12", ["accept"]); // the next day: tank accepted, food shown
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
  const total = (label: string) =>
    screen.getByText(label, { selector: "dt" }).nextElementSibling?.textContent;

  test("the totals show offers shown, accepted, declined, the accept rate and the revenue added", async () => {
    await showPeriod("2026-11-22", "2026-11-23");
    await screen.findByRole("table", { name: "Per offer, 2026-11-22 to 2026-11-23" });
    expect(total("Offers shown")).toBe("6");
    expect(total("Accepted")).toBe("2");
    expect(total("Declined")).toBe("2");
    expect(total("Accept rate")).toBe("33.3%");
    expect(total("Revenue added (paid, net of refunds)")).toBe("$133.50");
    expect(total("Pending")).toBe("$0.00");
    expect(total("Refunded")).toBe("$0.00");
  });

  test("the table has a row per offer with its accept rate as a percentage and its revenue", async () => {
    await showPeriod("2026-11-22", "2026-11-23");
    const table = await screen.findByRole("table", { name: "Per offer, 2026-11-22 to 2026-11-23" });
    const rows = within(table).getAllByRole("row").slice(1);
    const cells = (row: HTMLElement) => [...row.querySelectorAll("th, td")].map((cell) => cell.textContent);
    const byName = Object.fromEntries(rows.map((row) => [cells(row)[0], cells(row).slice(1)]));
    expect(Object.keys(byName).sort()).toEqual(["Care", "Food", "Tank"]);
    expect(byName.Tank).toEqual(["3", "2", "1", "66.7%", "$133.50", "$0.00", "$0.00"]);
    expect(byName.Food?.slice(0, 4)).toEqual(["2", "0", "1", "0%"]);
    expect(byName.Care?.slice(0, 4)).toEqual(["1", "0", "0", "0%"]);
  });

  test("the chart is an SVG with one bar group per day of the period, each bar as tall as its figure", async () => {
    await showPeriod("2026-11-21", "2026-11-24");
    const chart = await screen.findByRole("img", { name: /per day, 2026-11-21 to 2026-11-24/ });
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

  test("a period that ends before it starts is refused next to its start, and the dates typed stay", async () => {
    await showPeriod("2026-11-25", "2026-11-22");
    const from = screen.getByLabelText("From") as HTMLInputElement;
    await waitFor(() => expect(errorOf(from)).toBe("must be on or before to"));
    expect(from.value).toBe("2026-11-25");
    expect((screen.getByLabelText("To") as HTMLInputElement).value).toBe("2026-11-22");
  });
});
