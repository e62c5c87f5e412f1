// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { type browserFetch, openAdmin, operator } from "../../../support/admin.tsx";
import { type WooShop, wooShop } from "../../../support/woo-shop.ts";

/** "Import products from WooCommerce" on the products page, against the FAKE WooCommerce. */
describe("importing the shop's products in the admin (fake WooCommerce)", () => {
  let world: WooShop;
  let browser: ReturnType<typeof browserFetch>;

  beforeEach(async () => {
    world = await wooShop("sqlite");
    browser = await operator(world.harness);
  });
  afterEach(async () => {
    cleanup();
    await world.close();
  });

  test("imports, lists the new products, and says what was created, updated and skipped, and why (fake WooCommerce)", async () => {
    world.fake.addProduct({ name: "Heater", sku: "heater", price: "24.99" });
    world.fake.addProduct({ name: "Premium Quality", sku: "", price: "21.99" });
    openAdmin(world.harness, `#/sites/${world.shop.siteId}/products`, browser);
    fireEvent.click(await screen.findByRole("button", { name: "Import products from WooCommerce" }));
    const status = await screen.findByText(/^Imported from WooCommerce:/);
    expect(status.textContent).toBe(
      "Imported from WooCommerce: 1 product created, 4 updated, 1 skipped. Prices are in USD.",
    );
    expect(screen.getByText("Premium Quality").closest("li")?.textContent).toContain("no SKU");
    const row = (await screen.findByRole("rowheader", { name: "Heater" })).closest("tr") as HTMLElement;
    expect(row.textContent).toContain("$24.99");
  });

  test("a shop that cannot be reached: the seller is told, nothing changes (fake WooCommerce)", async () => {
    await world.fake.down();
    openAdmin(world.harness, `#/sites/${world.shop.siteId}/products`, browser);
    fireEvent.click(await screen.findByRole("button", { name: "Import products from WooCommerce" }));
    expect((await screen.findByRole("alert")).textContent).toContain("could not be reached");
    await world.fake.up();
  });
});
