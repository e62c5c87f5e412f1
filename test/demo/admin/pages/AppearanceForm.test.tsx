// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { DEFAULT_APPEARANCE } from "../../../../server/contract/index.ts";
import { type browserFetch, errorOf, openAdmin, operator } from "../../../support/admin.tsx";
import { type TestApp, testApp } from "../../../support/app.ts";
import { seedShop } from "../../../support/shop.ts";

describe("a site's appearance in the admin", () => {
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

  const section = async () =>
    within((await screen.findByRole("heading", { name: "Appearance" })).closest("section") as HTMLElement);
  const value = (form: ReturnType<typeof within>, label: string) =>
    (form.getByLabelText(label) as HTMLInputElement | HTMLSelectElement).value;
  /** The widget's own panel in the preview, inside the shadow root the preview made for it. */
  const panel = (form: ReturnType<typeof within>) =>
    form.getByTestId("widget-preview").shadowRoot?.querySelector("section.panel") as HTMLElement;

  test("the form starts from the site's look, and the preview wears it", async () => {
    openAdmin(harness, `#/sites/${shop.siteId}`, browser);
    const form = await section();
    expect(value(form, "Theme")).toBe("auto");
    expect(value(form, "Accent colour")).toBe("#0b6e4f");
    expect(value(form, "Corner radius")).toBe("10");
    expect(value(form, "Font")).toBe("system");
    expect(value(form, "Language")).toBe("");
    await waitFor(() => expect(panel(form)).toBeTruthy());
    expect(panel(form).style.getPropertyValue("--aq-accent")).toBe("#0b6e4f");
    expect(panel(form).className).toBe("panel auto");
  });

  test("an accent white text cannot be read on is wrong as it is typed, with the nearest readable one a click away", async () => {
    openAdmin(harness, `#/sites/${shop.siteId}`, browser);
    const form = await section();
    const accent = form.getByLabelText("Accent colour");
    fireEvent.input(accent, { target: { value: "#777777" } });
    expect(accent.getAttribute("aria-invalid")).toBe("true");
    expect(errorOf(accent)).toBe(
      "is too light for the white text on the accept button (4.48:1, needs 4.5:1): try #767676, the nearest darker colour that is readable",
    );
    fireEvent.click(form.getByRole("button", { name: "Save the appearance" }));
    expect(browser.session.calls.some((call) => call.startsWith("PATCH"))).toBe(false);

    fireEvent.click(form.getByRole("button", { name: "Use #767676, the nearest readable colour" }));
    expect(value(form, "Accent colour")).toBe("#767676");
    expect(errorOf(accent)).toBeNull();
    expect(form.queryByRole("button", { name: /nearest readable colour/ })).toBeNull();
  });

  test("the preview follows every choice before it is saved, and saving keeps it for the widget", async () => {
    openAdmin(harness, `#/sites/${shop.siteId}`, browser);
    const form = await section();
    fireEvent.change(form.getByLabelText("Theme"), { target: { value: "dark" } });
    fireEvent.input(form.getByLabelText("Accent colour"), { target: { value: "#7A2E8C" } });
    fireEvent.input(form.getByLabelText("Corner radius"), { target: { value: "0" } });
    fireEvent.change(form.getByLabelText("Font"), { target: { value: "serif" } });
    fireEvent.change(form.getByLabelText("Language"), { target: { value: "pl" } });
    await waitFor(() => expect(panel(form).className).toBe("panel dark"));
    expect(panel(form).style.getPropertyValue("--aq-accent")).toBe("#7a2e8c");
    expect(panel(form).style.getPropertyValue("--aq-radius")).toBe("0px");
    expect(panel(form).getAttribute("lang")).toBe("pl");
    expect((await harness.store.sites.get(shop.siteId))?.appearance).toEqual(DEFAULT_APPEARANCE);

    fireEvent.click(form.getByRole("button", { name: "Save the appearance" }));
    expect(await form.findByText("Saved: buyers see it from their next offer.")).toBeTruthy();
    expect((await harness.store.sites.get(shop.siteId))?.appearance).toEqual({
      theme: "dark",
      accent: "#7a2e8c",
      radius: 0,
      font: "serif",
      locale: "pl",
    });
  });

  test("a radius out of range is wrong as it is typed, and the preview waits for a right one", async () => {
    openAdmin(harness, `#/sites/${shop.siteId}`, browser);
    const form = await section();
    const radius = form.getByLabelText("Corner radius");
    fireEvent.input(radius, { target: { value: "30" } });
    expect(errorOf(radius)).toBe("must be 24 or less");
    expect(form.getByText("The preview follows once every field is right.")).toBeTruthy();
  });
});
