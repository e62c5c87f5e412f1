// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { errorOf, openAdmin } from "../../../support/admin.tsx";
import { ADMIN_TOKEN, type TestApp, testApp } from "../../../support/app.ts";
import { seedShop } from "../../../support/shop.ts";

describe("logging in to the admin", () => {
  let harness: TestApp;
  beforeEach(async () => {
    harness = await testApp("sqlite");
    await seedShop(harness);
  });
  afterEach(async () => {
    cleanup();
    await harness.dispose();
  });

  const logIn = (token: string) => {
    fireEvent.input(screen.getByLabelText("Admin token"), { target: { value: token } });
    fireEvent.click(screen.getByRole("button", { name: "Log in" }));
  };

  test("without a login the admin shows the login form, and the API refused it", async () => {
    const { browser } = openAdmin(harness, "#/sites");
    expect(await screen.findByRole("heading", { level: 1, name: "Aquarium admin" })).toBeTruthy();
    expect(screen.getByLabelText("Admin token").getAttribute("type")).toBe("password");
    expect(screen.queryByText("Fish shop")).toBeNull();
    expect(browser.session.calls).toEqual(["GET /admin/api/me"]);
    expect((await harness.app.request("/admin/api/sites")).status).toBe(401);
  });

  test("a wrong token shows the server's refusal next to the token field and keeps what was typed", async () => {
    openAdmin(harness, "#/sites");
    await screen.findByLabelText("Admin token");
    logIn("not-the-token");
    const field = screen.getByLabelText("Admin token") as HTMLInputElement;
    await waitFor(() => expect(field.getAttribute("aria-invalid")).toBe("true"));
    expect(errorOf(field)).toBe("This token is not valid.");
    expect(field.value).toBe("not-the-token");
    expect(screen.queryByRole("heading", { name: "Sites" })).toBeNull();
  });

  test("an empty token is refused before anything is sent", async () => {
    const { browser } = openAdmin(harness, "#/sites");
    await screen.findByLabelText("Admin token");
    logIn("");
    const field = screen.getByLabelText("Admin token");
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(browser.session.calls).toEqual(["GET /admin/api/me"]);
  });

  test("the right token shows the sites, and logging out shows the login again", async () => {
    const { browser } = openAdmin(harness, "#/sites");
    await screen.findByLabelText("Admin token");
    logIn(ADMIN_TOKEN);
    expect(await screen.findByRole("heading", { level: 1, name: "Sites" })).toBeTruthy();
    expect(await screen.findByRole("link", { name: "Fish shop" })).toBeTruthy();
    expect(screen.getByText("Operator")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Log out" }));
    expect(await screen.findByLabelText("Admin token")).toBeTruthy();
    expect(screen.queryByText("Fish shop")).toBeNull();
    expect(browser.session.calls.slice(-1)).toEqual(["POST /admin/api/logout"]);
    expect(browser.session.token).toBeNull();
  });

  test("a site owner's token opens that owner's site", async () => {
    const shop = await seedShop(harness);
    openAdmin(harness, "#/sites");
    await screen.findByLabelText("Admin token");
    logIn(shop.secrets.owner as string);
    // The second shop of this harness (site names are unique): the owner's own, not the first one.
    expect(await screen.findByRole("heading", { level: 1, name: "Fish shop 2" })).toBeTruthy();
    expect(location.hash).toBe(`#/sites/${shop.siteId}`);
    expect(screen.getByText("Site owner")).toBeTruthy();
  });
});
