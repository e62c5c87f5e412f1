// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { type browserFetch, errorOf, openAdmin, operator } from "../../../support/admin.tsx";
import { WOO_KEY, WOO_SECRET, type WooShop, wooShop } from "../../../support/woo-shop.ts";

/** The site's WooCommerce connection in the admin, tried against the FAKE WooCommerce when saved. */
describe("the WooCommerce connection form (fake WooCommerce)", () => {
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

  const connectionForm = async () =>
    within(
      (await screen.findByRole("heading", { name: "WooCommerce REST API connection" })).closest(
        "form",
      ) as HTMLElement,
    );
  const fill = (form: ReturnType<typeof within>, values: Record<string, string>) => {
    for (const [label, value] of Object.entries(values))
      fireEvent.input(form.getByLabelText(label), { target: { value } });
  };

  test("a key that is not a consumer key is shown as wrong while typing, before anything is sent (fake WooCommerce)", async () => {
    openAdmin(world.harness, `#/sites/${world.shop.siteId}`, browser);
    const form = await connectionForm();
    fill(form, { "Consumer key": "cs_swapped0123456789abcdefabcdef" });
    expect(errorOf(form.getByLabelText("Consumer key"))).toBe("must be the REST API consumer key, ck_…");
    expect(browser.session.calls.filter((call) => call.includes("woocommerce-api"))).toEqual([]);
  });

  test("the shop's refusal is shown beside the field to fix, and a working connection is saved (fake WooCommerce)", async () => {
    openAdmin(world.harness, `#/sites/${world.shop.siteId}`, browser);
    const form = await connectionForm();
    expect(form.getByText(/^Set\. Save another one here to replace it\./)).toBeTruthy();
    fill(form, {
      "Shop address": world.fake.url,
      "Consumer key": WOO_KEY,
      "Consumer secret": "cs_notthesecret0123456789abcdef",
    });
    fireEvent.click(form.getByRole("button", { name: "Save the WooCommerce connection" }));
    const secret = form.getByLabelText("Consumer secret");
    await screen.findByText(/refused this consumer secret/);
    expect(errorOf(secret)).toContain("the shop refused this consumer secret");
    expect((form.getByLabelText("Shop address") as HTMLInputElement).value).toBe(world.fake.url);

    fill(form, { "Consumer secret": WOO_SECRET });
    fireEvent.click(form.getByRole("button", { name: "Save the WooCommerce connection" }));
    await form.findByText("Saved: the shop answered and took the key.");
    expect((form.getByLabelText("Consumer secret") as HTMLInputElement).value).toBe("");
  });
});
