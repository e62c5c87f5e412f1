// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { type browserFetch, editorFor, errorOf, openAdmin, operator } from "../../../support/admin.tsx";
import { type TestApp, testApp } from "../../../support/app.ts";
import { seedShop } from "../../../support/shop.ts";

describe("the product catalogue in the admin", () => {
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

  const editor = () => editorFor("product");
  const fill = (form: ReturnType<typeof within>, values: Record<string, string>) => {
    for (const [label, value] of Object.entries(values)) {
      fireEvent.input(form.getByLabelText(label), { target: { value } });
    }
  };

  test("the catalogue lists the site's products with their prices through Intl", async () => {
    openAdmin(harness, `#/sites/${shop.siteId}/products`, browser);
    const row = (await screen.findByRole("rowheader", { name: "The tank" })).closest("tr") as HTMLElement;
    expect(within(row).getByText("$89.00")).toBeTruthy();
    expect(within(row).getByText("tank")).toBeTruthy();
    expect(screen.getAllByRole("row")).toHaveLength(5);
  });

  test("a price typed as 12.5 in EUR is sent as 1250 minor units", async () => {
    openAdmin(harness, `#/sites/${shop.siteId}/products/new`, browser);
    const form = await editor();
    fill(form, {
      Name: "Gravel",
      "SKU or product id": "gravel-5kg",
      Price: "12.5",
      Currency: "EUR",
      Tags: "Aquarium, decor",
      "Image URL": "https://fish.example/gravel.jpg",
    });
    expect(form.getByText("EUR", { selector: ".unit" })).toBeTruthy();
    fireEvent.click(form.getByRole("button", { name: "Add the product" }));

    const row = (await screen.findByRole("rowheader", { name: "Gravel" })).closest("tr") as HTMLElement;
    expect(within(row).getByText("€12.50")).toBeTruthy();
    const saved = (await harness.store.products.list(shop.siteId)).find(
      (product) => product.sku === "gravel-5kg",
    );
    expect(saved).toMatchObject({
      price: 1250,
      currency: "EUR",
      tags: ["aquarium", "decor"],
      imageUrl: "https://fish.example/gravel.jpg",
      description: "",
    });
    expect(location.hash).toBe(`#/sites/${shop.siteId}/products`);
  });

  test("a price with more decimals than the currency has is refused as it is typed", async () => {
    openAdmin(harness, `#/sites/${shop.siteId}/products/new`, browser);
    const form = await editor();
    fill(form, { Currency: "JPY", Price: "1200.5" });
    expect(errorOf(form.getByLabelText("Price"))).toBe("an amount like 1200");
    fill(form, { Price: "1200" });
    expect(errorOf(form.getByLabelText("Price"))).toBeNull();
    fill(form, { Currency: "eu" });
    expect(errorOf(form.getByLabelText("Currency"))).toBe(
      "must be an ISO 4217 currency code in capitals, like EUR",
    );
  });

  test("a SKU another product has is refused next to the SKU, and everything typed stays", async () => {
    openAdmin(harness, `#/sites/${shop.siteId}/products/new`, browser);
    const form = await editor();
    const typed = {
      Name: "Another tank",
      "SKU or product id": "tank",
      Description: "Bigger.",
      Price: "99.90",
      Currency: "USD",
      Tags: "aquarium",
    };
    fill(form, typed);
    fireEvent.click(form.getByRole("button", { name: "Add the product" }));

    const sku = form.getByLabelText("SKU or product id");
    await waitFor(() => expect(errorOf(sku)).toBe("another product of this site has this SKU"));
    expect(sku.getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(sku);
    for (const [label, value] of Object.entries(typed)) {
      expect((form.getByLabelText(label) as HTMLInputElement).value).toBe(value);
    }
    expect(form.getByLabelText("Name").getAttribute("aria-invalid")).toBeNull();
    expect((await harness.store.products.list(shop.siteId)).filter((p) => p.sku === "tank")).toHaveLength(1);

    // Editing the SKU clears the server's word on it; a free one saves.
    fill(form, { "SKU or product id": "tank-xl" });
    expect(errorOf(sku)).toBeNull();
    fireEvent.click(form.getByRole("button", { name: "Add the product" }));
    expect(await screen.findByRole("rowheader", { name: "Another tank" })).toBeTruthy();
  });

  test("an edited product keeps its price in decimals and saves the change", async () => {
    openAdmin(harness, `#/sites/${shop.siteId}/products/${shop.products.tank}`, browser);
    const form = await editor();
    expect((form.getByLabelText("Price") as HTMLInputElement).value).toBe("89.00");
    fill(form, { Price: "79.99" });
    fireEvent.click(form.getByRole("button", { name: "Save the product" }));
    await waitFor(async () =>
      expect((await harness.store.products.get(shop.siteId, shop.products.tank))?.price).toBe(7999),
    );
  });

  test("a product an offer still offers is not deleted, and the page says why", async () => {
    openAdmin(harness, `#/sites/${shop.siteId}/products`, browser);
    await screen.findByRole("rowheader", { name: "The tank" });
    fireEvent.click(screen.getByRole("button", { name: "Delete The tank" }));
    fireEvent.click(
      within(screen.getByRole("alertdialog")).getByRole("button", { name: "Delete the product" }),
    );
    expect((await screen.findByRole("alert")).textContent).toBe(
      'The tank: This product is offered by "Tank": change or delete that offer first.',
    );
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(await harness.store.products.get(shop.siteId, shop.products.tank)).not.toBeNull();
  });

  const deletes = () => browser.session.calls.filter((call) => call.startsWith("DELETE"));
  /** A product no offer uses, so deleting it is only the seller's call. */
  const addNet = async (): Promise<string> =>
    (
      await (
        await harness.admin(`/sites/${shop.siteId}/products`, {
          method: "POST",
          json: { sku: "net", name: "Fish net", price: 350, currency: "USD" },
        })
      ).json()
    ).product.id;

  test("asks first, and keeping it changes nothing", async () => {
    const net = await addNet();
    openAdmin(harness, `#/sites/${shop.siteId}/products`, browser);
    fireEvent.click(await screen.findByRole("button", { name: "Delete Fish net" }));
    const dialog = screen.getByRole("alertdialog", { name: "Delete “Fish net”?" });
    expect(dialog.textContent).toContain("You can restore it for 30 days");
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Keep it" }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Keep it" }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(deletes()).toEqual([]);
    expect(await harness.store.products.get(shop.siteId, net)).not.toBeNull();
  });

  test("deleted, it can be undone at once, or restored later from “Recently deleted”", async () => {
    const net = await addNet();
    openAdmin(harness, `#/sites/${shop.siteId}/products`, browser);
    fireEvent.click(await screen.findByRole("button", { name: "Delete Fish net" }));
    fireEvent.click(screen.getByRole("button", { name: "Delete the product" }));
    await waitFor(() => expect(screen.queryByRole("rowheader", { name: "Fish net" })).toBeNull());
    expect(screen.getByText(/was deleted\./).textContent).toBe(
      "“Fish net” was deleted. Undo the deletion of “Fish net”",
    );
    expect(await harness.store.products.get(shop.siteId, net)).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Undo the deletion of “Fish net”" }));
    expect(await screen.findByRole("rowheader", { name: "Fish net" })).toBeTruthy();
    expect(await harness.store.products.get(shop.siteId, net)).not.toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Delete Fish net" }));
    fireEvent.click(screen.getByRole("button", { name: "Delete the product" }));
    const later = await screen.findByText("Recently deleted (1)");
    fireEvent.click(later);
    fireEvent.click(screen.getByRole("button", { name: "Restore “Fish net”" }));
    expect(await screen.findByRole("rowheader", { name: "Fish net" })).toBeTruthy();
    await waitFor(() => expect(screen.queryByText(/Recently deleted/)).toBeNull());
  });

  test("a currency that is not ISO 4217 is wrong as it is typed", async () => {
    openAdmin(harness, `#/sites/${shop.siteId}/products/new`, browser);
    const form = await editorFor("product");
    fireEvent.input(form.getByLabelText("Currency"), { target: { value: "EUX" } });
    expect(errorOf(form.getByLabelText("Currency"))).toBe(
      "is not an ISO 4217 currency code: use one like EUR, USD, GBP or PLN",
    );
  });
});
