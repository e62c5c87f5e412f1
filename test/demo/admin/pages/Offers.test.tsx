// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, type within } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { discountedPrice } from "../../../../server/contract/index.ts";
import { STYLES } from "../../../../widget/ui/styles.ts";
import { type browserFetch, editorFor, errorOf, openAdmin, operator } from "../../../support/admin.tsx";
import { type TestApp, testApp } from "../../../support/app.ts";
import { seedShop } from "../../../support/shop.ts";

const usd = (minor: number) => `$${(minor / 100).toFixed(2)}`;

describe("offers in the admin", () => {
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

  const editor = () => editorFor("offer");
  const set = (form: ReturnType<typeof within>, label: string, value: string) => {
    const field = form.getByLabelText(label);
    if (field.tagName === "SELECT") fireEvent.change(field, { target: { value } });
    else fireEvent.input(field, { target: { value } });
  };
  const pricePreview = () => screen.getByTestId("price-preview");
  /** The widget's panel, inside the shadow root the preview made for it. */
  const panel = () => {
    const root = screen.getByTestId("widget-preview").shadowRoot;
    expect(root).not.toBeNull();
    return root as ShadowRoot;
  };

  test("the price preview follows a percent discount, priced by the server's own function", async () => {
    openAdmin(harness, `#/sites/${shop.siteId}/offers/new`, browser);
    const form = await editor();
    set(form, "Product", shop.products.tank);
    for (const percent of [25, 33, 100, 0]) {
      set(form, "Percent off", String(percent));
      const price = discountedPrice(8900, { type: "percent", value: percent });
      expect(pricePreview().querySelector("s")?.textContent).toBe(`Regular price: ${usd(8900)}`);
      expect(pricePreview().querySelector("strong")?.textContent).toBe(`Offer price: ${usd(price)}`);
    }
    expect(usd(discountedPrice(8900, { type: "percent", value: 33 }))).toBe("$59.63");
  });

  test("the price preview follows a fixed discount typed in the product's currency", async () => {
    openAdmin(harness, `#/sites/${shop.siteId}/offers/new`, browser);
    const form = await editor();
    set(form, "Product", shop.products.care);
    set(form, "Discount", "fixed");
    expect(form.getByLabelText("Amount off").nextElementSibling?.textContent).toBe("USD");
    for (const [typed, minor] of [
      ["2.5", 250],
      ["19", 1900],
      ["25", 2500],
    ] as const) {
      set(form, "Amount off", typed);
      const price = discountedPrice(1900, { type: "fixed", value: minor });
      expect(pricePreview().querySelector("strong")?.textContent).toBe(`Offer price: ${usd(price)}`);
    }
    set(form, "Amount off", "2.555");
    expect(errorOf(form.getByLabelText("Amount off"))).toBe("an amount like 12.50");
    expect(screen.queryByTestId("price-preview")).toBeNull();
  });

  test("the live panel is the widget's own, in a shadow root, with the title and the price buyers will see", async () => {
    openAdmin(harness, `#/sites/${shop.siteId}/offers/${shop.offers.tank}`, browser);
    const form = await editor();
    await waitFor(() => expect(panel().querySelector("h2")?.textContent).toBe("The tank"));
    const root = panel();
    expect(root.querySelector("section.panel")?.getAttribute("aria-label")).toBe(
      "A special offer for your order",
    );
    expect(root.querySelector(".price strong")?.textContent).toBe("Your price: $66.75");
    expect(root.querySelector(".price s")?.textContent).toBe("Regular price: $89.00");
    expect(root.querySelector(".save")?.textContent).toBe("You save $22.25");
    expect([...root.querySelectorAll("button")].map((button) => button.textContent)).toEqual([
      "Add to my order",
      "No, thanks",
    ]);
    const styles = [...root.adoptedStyleSheets].map((sheet) =>
      [...sheet.cssRules].map((rule) => rule.cssText).join(""),
    );
    expect(styles.join("") || root.querySelector("style")?.textContent).toContain(".panel");
    expect(document.querySelector("style")?.textContent ?? "").not.toContain(STYLES.slice(0, 40));

    set(form, "Title", "A home for your fish");
    set(form, "Percent off", "50");
    await waitFor(() => expect(panel().querySelector("h2")?.textContent).toBe("A home for your fish"));
    expect(panel().querySelector(".price strong")?.textContent).toBe("Your price: $44.50");
  });

  test("the funnel lists only this site's other offers, never the offer itself", async () => {
    const other = await (
      await harness.admin("/sites", { method: "POST", json: { name: "Other shop" } })
    ).json();
    const product = await (
      await harness.admin(`/sites/${other.site.id}/products`, {
        method: "POST",
        json: { sku: "x", name: "Other product", price: 100, currency: "USD" },
      })
    ).json();
    await harness.admin(`/sites/${other.site.id}/offers`, {
      method: "POST",
      json: {
        name: "Other site's offer",
        productId: product.product.id,
        discount: { type: "percent", value: 5 },
      },
    });

    openAdmin(harness, `#/sites/${shop.siteId}/offers/${shop.offers.tank}`, browser);
    const form = await editor();
    for (const label of ["When declined, offer instead", "When accepted, offer next"]) {
      const options = [...(form.getByLabelText(label) as HTMLSelectElement).options];
      expect(options.map((option) => option.textContent).sort()).toEqual(["Care", "Food", "None"]);
    }
    expect((form.getByLabelText("When declined, offer instead") as HTMLSelectElement).value).toBe(
      shop.offers.care,
    );
    expect((form.getByLabelText("When accepted, offer next") as HTMLSelectElement).value).toBe(
      shop.offers.food,
    );
    expect(form.queryByRole("option", { name: "Other site's offer" })).toBeNull();

    cleanup();
    openAdmin(harness, `#/sites/${shop.siteId}/offers/new`, browser);
    const fresh = await editor();
    const options = [...(fresh.getByLabelText("When accepted, offer next") as HTMLSelectElement).options];
    expect(options.map((option) => option.textContent).sort()).toEqual(["Care", "Food", "None", "Tank"]);
  });

  test("a new offer is sent as OfferInput: trigger, fixed discount in minor units, limits and funnel", async () => {
    openAdmin(harness, `#/sites/${shop.siteId}/offers/new`, browser);
    const form = await editor();
    set(form, "Name", "Food for tank buyers");
    set(form, "Product", shop.products.food);
    set(form, "Discount", "fixed");
    set(form, "Amount off", "1.25");
    set(form, "Most units per buyer", "3");
    set(form, "Priority", "7");
    fireEvent.click(form.getByRole("checkbox", { name: "The tank" }));
    set(form, "Or a product with one of these tags", "Aquarium");
    set(form, "Order total at least", "50");
    set(form, "Order currency", "USD");
    set(form, "When declined, offer instead", shop.offers.care);
    fireEvent.click(form.getByRole("checkbox", { name: "Active: shown to buyers" }));
    fireEvent.click(form.getByRole("button", { name: "Create the offer" }));

    expect(await screen.findByRole("rowheader", { name: "Food for tank buyers" })).toBeTruthy();
    const saved = (await harness.store.offers.list(shop.siteId)).find(
      (offer) => offer.name === "Food for tank buyers",
    );
    expect(saved).toMatchObject({
      productId: shop.products.food,
      title: null,
      description: null,
      trigger: { products: [shop.products.tank], tags: ["aquarium"], minTotal: 5000, currency: "USD" },
      discount: { type: "fixed", value: 125 },
      quantityMax: 3,
      priority: 7,
      active: false,
      downsellId: shop.offers.care,
      nextId: null,
    });
  });

  test("a quantity limit out of range is shown as wrong as it is typed, and nothing is sent", async () => {
    openAdmin(harness, `#/sites/${shop.siteId}/offers/${shop.offers.tank}`, browser);
    const form = await editor();
    set(form, "Most units per buyer", "101");
    const field = form.getByLabelText("Most units per buyer");
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(errorOf(field)).toMatch(/^must be 100 or less/);
    fireEvent.click(form.getByRole("button", { name: "Save the offer" }));
    expect(document.activeElement).toBe(field);
    expect(browser.session.calls.some((call) => call.startsWith("PATCH"))).toBe(false);
  });
});
