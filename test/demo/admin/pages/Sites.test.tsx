// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { loadBundle } from "../../../../server/embed/bundle.ts";
import { type browserFetch, errorOf, openAdmin, operator } from "../../../support/admin.tsx";
import { type TestApp, testApp } from "../../../support/app.ts";
import { seedShop } from "../../../support/shop.ts";

describe("sites in the admin", () => {
  let harness: TestApp;
  let browser: ReturnType<typeof browserFetch>;

  beforeEach(async () => {
    harness = await testApp("sqlite", { bundle: loadBundle() });
    browser = await operator(harness);
  });
  afterEach(async () => {
    cleanup();
    await harness.dispose();
  });

  const newSiteForm = async () =>
    within((await screen.findByRole("heading", { name: "New site" })).closest("section") as HTMLElement);

  test("an origin with a path is shown as wrong while typing, before anything is sent", async () => {
    openAdmin(harness, "#/sites", browser);
    const form = await newSiteForm();
    const origins = form.getByLabelText("Allowed origins");
    expect(origins.getAttribute("aria-invalid")).toBeNull();

    fireEvent.input(origins, { target: { value: "https://shop.example\nhttps://shop.example/thank-you" } });
    expect(origins.getAttribute("aria-invalid")).toBe("true");
    expect(errorOf(origins)).toBe(
      "entry 2: must be an origin like https://shop.example (scheme, host and port, no path)",
    );

    fireEvent.input(origins, { target: { value: "https://shop.example\nhttps://www.shop.example" } });
    expect(origins.getAttribute("aria-invalid")).toBeNull();
    expect(errorOf(origins)).toBeNull();
    expect(browser.session.calls.filter((call) => call.startsWith("POST /admin/api/sites"))).toEqual([]);
  });

  test("a form with errors is not sent: every wrong field says why and the first one gets the focus", async () => {
    openAdmin(harness, "#/sites", browser);
    const form = await newSiteForm();
    fireEvent.input(form.getByLabelText("Offer window"), { target: { value: "half an hour" } });
    fireEvent.click(form.getByRole("button", { name: "Create the site" }));

    const name = form.getByLabelText("Name");
    expect(errorOf(name)).toMatch(/^must not be empty/);
    expect(errorOf(form.getByLabelText("Offer window"))).toBe("a whole number of minutes, like 30");
    expect(document.activeElement).toBe(name);
    expect(browser.session.calls.filter((call) => call === "POST /admin/api/sites")).toEqual([]);
  });

  test("a new site's secrets are shown once with copy buttons, and are gone after a reload", async () => {
    openAdmin(harness, "#/sites", browser);
    const form = await newSiteForm();
    fireEvent.input(form.getByLabelText("Name"), { target: { value: "Coral shop" } });
    fireEvent.input(form.getByLabelText("Allowed origins"), { target: { value: "https://coral.example" } });
    fireEvent.input(form.getByLabelText("Offer window"), { target: { value: "45" } });
    fireEvent.click(form.getByRole("button", { name: "Create the site" }));

    const once = within(
      (await screen.findByRole("heading", { name: /Coral shop.*copy its secrets now/ })).closest(
        "section",
      ) as HTMLElement,
    );
    const secrets = [...document.querySelectorAll<HTMLElement>(".secrets code")].map(
      (code) => code.textContent,
    );
    expect(secrets).toHaveLength(5);
    for (const label of [
      "WooCommerce webhook secret",
      "Order webhook secret (Standard Webhooks)",
      "Order token signing secret",
      "Outbound webhook signing secret",
      "Site owner's login token",
    ]) {
      expect(once.getByText(label)).toBeTruthy();
      expect(once.getByRole("button", { name: `Copy the ${label}` })).toBeTruthy();
    }
    const owner = secrets[4] as string;
    expect(owner).toMatch(/^aqo_/);

    fireEvent.click(once.getByRole("button", { name: "Copy the Site owner's login token" }));
    await waitFor(() => expect(once.getByText("Copied")).toBeTruthy());
    expect(await navigator.clipboard.readText()).toBe(owner);

    const site = (await harness.store.sites.list()).find((row) => row.name === "Coral shop");
    expect(site).toMatchObject({ allowedOrigins: ["https://coral.example"], offerWindowMinutes: 45 });
    expect(await screen.findByRole("link", { name: "Coral shop" })).toBeTruthy();

    cleanup();
    openAdmin(harness, `#/sites/${site?.id}`, browser);
    expect(await screen.findByRole("heading", { level: 1, name: "Coral shop" })).toBeTruthy();
    await screen.findByText(/Paste this line into your thank-you page/);
    for (const secret of secrets) expect(document.body.textContent).not.toContain(secret);
    expect(
      screen.getByText("WooCommerce webhook secret", { selector: "li > strong" }).closest("li")?.textContent,
    ).toContain(": set");
  });

  test("a site's settings are saved, and the server's answer shows at once", async () => {
    const shop = await seedShop(harness);
    openAdmin(harness, `#/sites/${shop.siteId}`, browser);
    const name = await screen.findByLabelText("Name");
    expect((name as HTMLInputElement).value).toBe("Fish shop");
    fireEvent.input(name, { target: { value: "Fish and tanks" } });
    fireEvent.input(screen.getByLabelText("Outbound webhook URL"), {
      target: { value: "https://fish.example/hooks/aquarium" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Save the settings" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Fish and tanks" })).toBeTruthy();
    expect(await harness.store.sites.get(shop.siteId)).toMatchObject({
      name: "Fish and tanks",
      webhookUrl: "https://fish.example/hooks/aquarium",
    });
  });

  test("the set-up shows the snippet with SRI and the WooCommerce and Stripe webhook addresses", async () => {
    const shop = await seedShop(harness);
    openAdmin(harness, `#/sites/${shop.siteId}`, browser);
    const snippet = await screen.findByText(/<script async src=/);
    const bundle = loadBundle();
    expect(snippet.textContent).toContain(`integrity="${bundle?.integrity}"`);
    expect(snippet.textContent).toContain(`data-site="${shop.siteId}"`);
    expect(screen.getByRole("button", { name: "Copy the snippet" })).toBeTruthy();
    expect(screen.getByText(new RegExp(`/v1/hooks/woocommerce/${shop.siteId}$`))).toBeTruthy();
    expect(screen.getByText(new RegExp(`/v1/hooks/stripe/${shop.siteId}$`))).toBeTruthy();
    expect(screen.getByText("checkout.session.completed")).toBeTruthy();
  });

  test("replacing a secret shows the new one once, and the server keeps it", async () => {
    const shop = await seedShop(harness);
    openAdmin(harness, `#/sites/${shop.siteId}`, browser);
    const row = within(
      (await screen.findByText("WooCommerce webhook secret", { selector: "li > strong" })).closest(
        "li",
      ) as HTMLElement,
    );
    fireEvent.click(row.getByRole("button", { name: "Replace…" }));
    fireEvent.click(row.getByRole("button", { name: "Make a new one" }));
    const fresh = await screen.findByRole("button", { name: "Copy the WooCommerce webhook secret" });
    const value = fresh.closest("dd")?.querySelector("code")?.textContent ?? "";
    expect(value).not.toBe(shop.secrets.woocommerce);
    expect(value.length).toBeGreaterThan(20);
  });

  test("a Stripe secret that is not whsec_… is refused beside the field", async () => {
    const shop = await seedShop(harness);
    openAdmin(harness, `#/sites/${shop.siteId}`, browser);
    const field = await screen.findByLabelText("Stripe signing secret");
    fireEvent.input(field, { target: { value: "sk_live_123" } });
    expect(errorOf(field)).toBe("must be Stripe's endpoint secret, whsec_…");
    fireEvent.input(field, { target: { value: "whsec_abcdefghij123" } });
    fireEvent.click(screen.getByRole("button", { name: "Save the Stripe signing secret" }));
    await screen.findByText("Saved.");
    expect((await harness.store.sites.get(shop.siteId))?.secrets.stripe).toBe(true);
  });
});
