// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { ApiContext, createApi } from "../../../../demo/admin/api.ts";
import { ShownOrders } from "../../../../demo/admin/pages/ShownOrders.tsx";
import { operator, shopPage } from "../../../support/admin.tsx";
import { type TestApp, testApp } from "../../../support/app.ts";
import { buyer } from "../../../support/buyers.ts";
import { ORDER_KEY, seedShop } from "../../../support/shop.ts";

describe("the orders shown an offer", () => {
  let harness: TestApp;
  let shop: Awaited<ReturnType<typeof seedShop>>;

  beforeEach(async () => {
    harness = await testApp("sqlite", { limits: { claimsPerIp: 100_000 } });
    shop = await seedShop(harness);
  });
  afterEach(async () => {
    cleanup();
    await harness.dispose();
  });

  async function show() {
    const browser = await operator(harness);
    render(
      <ApiContext.Provider value={createApi({ fetch: browser.fetch })}>
        <ShownOrders siteId={shop.siteId} from="2026-11-01" to="2026-11-30" />
      </ApiContext.Provider>,
    );
  }
  /** The lines of one order's cell of offers, by the order's reference. */
  const offersOf = (order: string) => {
    const row = screen
      .getByRole("rowheader", { name: new RegExp(`^${order} `) })
      .closest("tr") as HTMLElement;
    return within(row)
      .getAllByRole("listitem")
      .map((item) => item.textContent);
  };

  test("each order says when, each offer shown at its price, and what the buyer decided, the payment in words", async () => {
    const page = shopPage(harness);
    await buyer(page, shop.siteId, { id: "727", key: ORDER_KEY, actions: ["accept", "decline"] });
    harness.now += 60_000;
    await buyer(page, shop.siteId, { id: "728", key: "wc_order_secondbuyer1", actions: ["decline"] });
    harness.now += 60_000;
    await buyer(page, shop.siteId, { id: "729", key: "wc_order_thirdbuyer12", actions: ["accept"] });
    // $6.75 of the tank of order 727 given back.
    const [payment] = await harness.store.payments.list(shop.siteId);
    await harness.store.payments.change(
      {
        decisionId: payment?.decisionId as string,
        from: ["paid"],
        to: "refunded",
        refunded: 675,
        event: { type: "offer.refunded", payload: {} },
      },
      harness.now,
    );
    await show();

    await screen.findByText("3 orders, page 1 of 1");
    expect(screen.getAllByRole("rowheader").map((cell) => cell.textContent)).toEqual([
      "729 · WooCommerce",
      "728 · WooCommerce",
      "727 · WooCommerce",
    ]);
    expect(offersOf("727")).toEqual([
      "Step 1: Tank at $66.75: accepted ×1 for $66.75, $6.75 refunded",
      "Step 2: Food at $4.00: declined",
    ]);
    expect(offersOf("729")).toEqual([
      "Step 1: Tank at $66.75: accepted ×1 for $66.75, paid",
      "Step 2: Food at $4.00: no answer",
    ]);
    expect(offersOf("728")).toEqual([
      "Step 1: Tank at $66.75: declined",
      "Step 2: Care at $15.20: no answer",
    ]);
    const when = screen.getAllByRole("row")[3]?.querySelector("time");
    expect(when?.getAttribute("datetime")).toBe("2026-11-22T12:00:00.000Z");
    expect(when?.textContent).toBe("22 Nov 2026, 12:00 UTC");
  });

  test("fifty orders a page: older orders on the next, and back to the newer", async () => {
    for (let n = 0; n < 51; n++) {
      await buyer(shopPage(harness), shop.siteId, { id: String(1000 + n), key: `wc_order_buyer${1000 + n}` });
      harness.now += 1000;
    }
    await show();
    await screen.findByText("51 orders, page 1 of 2");
    expect(screen.getAllByRole("rowheader")).toHaveLength(50);
    expect(screen.getByRole("button", { name: "Newer orders" })).toHaveProperty("disabled", true);
    fireEvent.click(screen.getByRole("button", { name: "Older orders" }));
    await screen.findByText("51 orders, page 2 of 2");
    expect(screen.getAllByRole("rowheader").map((cell) => cell.textContent)).toEqual(["1000 · WooCommerce"]);
    expect(screen.getByRole("button", { name: "Older orders" })).toHaveProperty("disabled", true);
    fireEvent.click(screen.getByRole("button", { name: "Newer orders" }));
    await screen.findByText("51 orders, page 1 of 2");
    expect(screen.getAllByRole("rowheader")[0]?.textContent).toBe("1050 · WooCommerce");
  });

  test("a period without any says so", async () => {
    await show();
    await screen.findByText("No order was shown an offer in this period.");
    expect(screen.queryByRole("table")).toBeNull();
  });
});
