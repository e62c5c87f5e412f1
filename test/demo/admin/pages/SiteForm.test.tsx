// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { type browserFetch, openAdmin, operator } from "../../../support/admin.tsx";
import { type TestApp, testApp } from "../../../support/app.ts";
import { seedShop } from "../../../support/shop.ts";

describe("a site's payments in the admin", () => {
  let harness: TestApp;
  let browser: ReturnType<typeof browserFetch>;

  beforeEach(async () => {
    harness = await testApp("sqlite");
    browser = await operator(harness);
  });
  afterEach(async () => {
    cleanup();
    await harness.dispose();
  });

  test("offers Stripe and WooCommerce, says plainly what the buyer pays, and saves the choice", async () => {
    const shop = await seedShop(harness);
    openAdmin(harness, `#/sites/${shop.siteId}`, browser);
    const payments = (await screen.findByLabelText("Payments")) as HTMLSelectElement;
    expect([...payments.options].map((option) => option.value)).toEqual([
      "manual",
      "stripe",
      "woocommerce",
      "demo",
    ]);
    const hint = document.getElementById(payments.getAttribute("aria-describedby") ?? "")?.textContent ?? "";
    expect(hint).toContain("exactly the price shown in the offer × the quantity they choose, nothing on top");
    fireEvent.change(payments, { target: { value: "woocommerce" } });
    fireEvent.click(screen.getByRole("button", { name: "Save the settings" }));
    await waitFor(async () =>
      expect((await harness.store.sites.get(shop.siteId))?.payments).toBe("woocommerce"),
    );
  });
});
