// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/preact";
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
    for (const percent of [25, 33, 12.5, 0]) {
      set(form, "Percent off", String(percent));
      const price = discountedPrice(8900, { type: "percent", value: percent });
      expect(pricePreview().querySelector("s")?.textContent).toBe(`Regular price: ${usd(8900)}`);
      expect(pricePreview().querySelector("strong")?.textContent).toBe(`Offer price: ${usd(price)}`);
    }
    expect(usd(discountedPrice(8900, { type: "percent", value: 33 }))).toBe("$59.63");
    // 12.5 % of 89.00 is 11.125 off, rounded half up to 11.13.
    expect(usd(discountedPrice(8900, { type: "percent", value: 12.5 }))).toBe("$77.87");
  });

  test("a discount that leaves nothing to pay is wrong as it is typed, in the server's words, and not sent", async () => {
    openAdmin(harness, `#/sites/${shop.siteId}/offers/${shop.offers.tank}`, browser);
    const form = await editor();
    set(form, "Percent off", "100");
    const percent = form.getByLabelText("Percent off");
    expect(errorOf(percent)).toBe("must be less than 100: 100 % off would give the product away");
    set(form, "Discount", "fixed");
    set(form, "Amount off", "89");
    expect(errorOf(form.getByLabelText("Amount off"))).toBe(
      "must be less than the product's price, 89.00 USD: the buyer would pay nothing",
    );
    fireEvent.click(form.getByRole("button", { name: "Save the offer" }));
    expect(browser.session.calls.some((call) => call.startsWith("PATCH"))).toBe(false);
    set(form, "Amount off", "88.99");
    expect(errorOf(form.getByLabelText("Amount off"))).toBeNull();
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

  /** Each step of a drawn funnel as one line: its own words, without the steps under it. */
  const linesOf = (list: HTMLElement) =>
    [...list.querySelectorAll("li")].map((item) =>
      [...item.childNodes]
        .filter((node) => node.nodeName !== "UL")
        .map((node) => node.textContent)
        .join("")
        .trim(),
    );
  const rowOf = async (name: string) =>
    (await screen.findByRole("rowheader", { name })).closest("tr") as HTMLTableRowElement;
  const cell = (row: HTMLTableRowElement, label: string) =>
    row.querySelector(`[data-label="${label}"]`)?.textContent;

  test("the list says whom each offer is shown to and where it stands in the funnel", async () => {
    await harness.admin(`/sites/${shop.siteId}/offers/${shop.offers.food}`, {
      method: "PATCH",
      json: { funnelOnly: true },
    });
    openAdmin(harness, `#/sites/${shop.siteId}/offers`, browser);
    const tank = await rowOf("Tank");
    expect(cell(tank, "Shown to")).toBe("Orders with “The 93”");
    expect(cell(tank, "In the funnel")).toBe("First offerThen: accepted → “Food”, declined → “Care”");
    const care = await rowOf("Care");
    expect(cell(care, "Shown to")).toBe("Every order");
    expect(cell(care, "In the funnel")).toBe("First offer; after “Tank” is declined");
    const food = await rowOf("Food");
    expect(cell(food, "Shown to")).toBe("Never first: only as a step of a funnel");
    expect(cell(food, "In the funnel")).toBe("After “Tank” is accepted");
  });

  test("the offer's page draws its funnel as steps, and follows the funnel choices as they are made", async () => {
    openAdmin(harness, `#/sites/${shop.siteId}/offers/${shop.offers.tank}`, browser);
    const form = await editorFor("offer");
    const map = () => form.getByRole("list", { name: "The funnel of “Tank”" });
    expect(map().querySelector("[aria-current='step']")?.textContent).toBe("1. Tank (this offer)");
    expect(linesOf(map())).toEqual([
      "1. Tank (this offer)",
      "If accepted → 2. Food",
      "If accepted: the funnel ends",
      "If declined: the funnel ends",
      "If declined → 2. Care",
      "If accepted: the funnel ends",
      "If declined: the funnel ends",
    ]);

    // Care leads to Food when accepted: the drawing follows the change before anything is saved.
    fireEvent.change(form.getByLabelText("When accepted, offer next"), {
      target: { value: shop.offers.care },
    });
    expect(linesOf(map())).toEqual([
      "1. Tank (this offer)",
      "If accepted → 2. Care",
      "If accepted: the funnel ends",
      "If declined: the funnel ends",
      "If declined → 2. Care",
      "If accepted: the funnel ends",
      "If declined: the funnel ends",
    ]);
  });

  test("an offer marked only as a funnel step is drawn inside the funnel that leads to it, and saved so", async () => {
    openAdmin(harness, `#/sites/${shop.siteId}/offers/${shop.offers.care}`, browser);
    const form = await editorFor("offer");
    fireEvent.click(form.getByRole("checkbox", { name: /^Only as a funnel step/ }));
    expect(form.queryByRole("list", { name: "The funnel of “Care”" })).toBeNull();
    const funnel = form.getByRole("list", { name: "The funnel of “Tank”" });
    expect(funnel.querySelector("[aria-current='step']")?.textContent).toBe("2. Care (this offer)");
    fireEvent.click(form.getByRole("button", { name: "Save the offer" }));
    await waitFor(async () =>
      expect((await harness.store.offers.get(shop.siteId, shop.offers.care))?.funnelOnly).toBe(true),
    );
  });

  test("deleting an offer a funnel leads to says which step it unlinks, and undoing links it again", async () => {
    openAdmin(harness, `#/sites/${shop.siteId}/offers`, browser);
    fireEvent.click(await screen.findByRole("button", { name: "Delete Care" }));
    const dialog = screen.getByRole("alertdialog", { name: "Delete “Care”?" });
    expect(dialog.textContent).toContain(
      "“Tank” leads here when declined: that step will be unlinked, and the funnel ends there.",
    );
    fireEvent.click(within(dialog).getByRole("button", { name: "Delete the offer" }));
    await waitFor(() => expect(screen.queryByRole("rowheader", { name: "Care" })).toBeNull());
    expect(browser.session.calls).toContain(
      `DELETE /admin/api/sites/${shop.siteId}/offers/${shop.offers.care}`,
    );
    expect((await harness.store.offers.get(shop.siteId, shop.offers.tank))?.downsellId).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Undo the deletion of “Care”" }));
    expect(await screen.findByRole("rowheader", { name: "Care" })).toBeTruthy();
    expect((await harness.store.offers.get(shop.siteId, shop.offers.tank))?.downsellId).toBe(
      shop.offers.care,
    );
  });
});
