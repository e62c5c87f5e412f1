import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createApp } from "../../../server/app.ts";
import { loadConfig } from "../../../server/config.ts";
import { createLogger } from "../../../server/log.ts";
import { ADMIN_TOKEN, type TestApp, testApp } from "../../support/app.ts";
import { ENGINES } from "../../support/engines.ts";
import { TEST_SECRET_KEY } from "../../support/secrets.ts";

/** What the admin app sends with every call, to say it is the admin itself. */
const ADMIN_HEADER = { "x-aquarium-admin": "1" };

describe.each(ENGINES)("admin login on %s", (engine) => {
  let harness: TestApp;
  beforeEach(async () => {
    harness = await testApp(engine);
  });
  afterEach(() => harness.dispose());

  const login = (token: string) =>
    harness.app.request("/admin/api/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token }),
    });
  const cookieOf = (response: Response) => (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const withCookie = (cookie: string, path = "/admin/api/sites", init: RequestInit = {}) =>
    harness.app.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } });

  test("the admin token logs in with an HttpOnly, SameSite=Strict cookie scoped to /admin", async () => {
    const response = await login(ADMIN_TOKEN);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ scope: "*" });
    const header = response.headers.get("set-cookie") ?? "";
    expect(header).toMatch(/^aquarium_admin=[A-Za-z0-9_-]{43};/);
    expect(header).toContain("HttpOnly");
    expect(header).toContain("SameSite=Strict");
    expect(header).toContain("Path=/admin");
    expect(header).not.toContain("Secure"); // served over plain http here; https adds it
    expect(header).not.toContain(ADMIN_TOKEN);
    expect((await withCookie(cookieOf(response))).status).toBe(200);
  });

  test("the cookie's token is stored only as a hash", async () => {
    const cookie = cookieOf(await login(ADMIN_TOKEN));
    const token = cookie.split("=")[1] ?? "";
    const { sha256Hex } = await import("../../../server/crypto.ts");
    expect(await harness.store.adminSessions.find(token, harness.now)).toBeNull();
    expect(await harness.store.adminSessions.find(sha256Hex(token), harness.now)).toMatchObject({
      scope: "*",
    });
  });

  test("a wrong token does not log in and sets no cookie", async () => {
    const response = await login(`${ADMIN_TOKEN}x`);
    expect(response.status).toBe(401);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(await response.json()).toMatchObject({ error: { code: "unauthorized" } });
  });

  test("logout ends the session: the same cookie is refused afterwards", async () => {
    const cookie = cookieOf(await login(ADMIN_TOKEN));
    const out = await withCookie(cookie, "/admin/api/logout", { method: "POST", headers: ADMIN_HEADER });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/aquarium_admin=;.*Max-Age=0/);
    expect((await withCookie(cookie)).status).toBe(401);
  });

  test("a session expires after twelve hours", async () => {
    const cookie = cookieOf(await login(ADMIN_TOKEN));
    harness.now += 12 * 3600_000 - 1;
    expect((await withCookie(cookie)).status).toBe(200);
    harness.now += 1;
    expect((await withCookie(cookie)).status).toBe(401);
  });

  test("a made-up cookie is refused", async () => {
    const response = await withCookie("aquarium_admin=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    expect(response.status).toBe(401);
  });

  test("guessing tokens hits the login rate limit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await login(`wrong-${i}`)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  test("GET /me says who is logged in", async () => {
    const cookie = cookieOf(await login(ADMIN_TOKEN));
    expect(await (await withCookie(cookie, "/admin/api/me")).json()).toEqual({ scope: "*" });
  });

  describe("a login is bound to the credential that made it", () => {
    async function ownerOfNewSite() {
      const created = await (
        await harness.admin("/sites", { method: "POST", json: { name: "Owner's shop" } })
      ).json();
      return { siteId: created.site.id as string, token: created.secrets.owner as string };
    }
    const rotateOwner = (cookie: string, siteId: string) =>
      withCookie(cookie, `/admin/api/sites/${siteId}/secrets/owner`, {
        method: "POST",
        headers: ADMIN_HEADER,
      });

    test("rotating a site's owner token ends that site's logins: the old cookie can neither read nor rotate again", async () => {
      const { siteId, token } = await ownerOfNewSite();
      const cookie = cookieOf(await login(token));
      expect((await withCookie(cookie, `/admin/api/sites/${siteId}`)).status).toBe(200);
      const rotated = await (await rotateOwner(cookie, siteId)).json();
      expect(rotated.secret).toMatch(/^aqo_/);
      expect((await withCookie(cookie, `/admin/api/sites/${siteId}`)).status).toBe(401);
      expect((await rotateOwner(cookie, siteId)).status).toBe(401);
      // The owner's new token logs in, and the operator's logins were never touched.
      expect((await login(rotated.secret)).status).toBe(200);
    });

    test("an owner token rotated by the operator ends the owner's logins too", async () => {
      const { siteId, token } = await ownerOfNewSite();
      const cookie = cookieOf(await login(token));
      await harness.admin(`/sites/${siteId}/secrets/owner`, { method: "POST" });
      expect((await withCookie(cookie, `/admin/api/sites/${siteId}`)).status).toBe(401);
    });

    test("changing ADMIN_TOKEN ends the operator's logins", async () => {
      const cookie = cookieOf(await login(ADMIN_TOKEN));
      const changed = createApp({
        config: loadConfig({
          ADMIN_TOKEN: "a-new-admin-token-0123456789abcdef",
          SECRET_KEY: TEST_SECRET_KEY,
        }),
        store: harness.store,
        logger: createLogger("silent"),
        clock: () => harness.now,
      });
      expect((await changed.request("/admin/api/sites", { headers: { cookie } })).status).toBe(401);
      expect((await withCookie(cookie)).status).toBe(200);
    });

    test("log out everywhere ends every login of the caller's scope and of no other", async () => {
      const { siteId, token } = await ownerOfNewSite();
      const [first, second] = [cookieOf(await login(ADMIN_TOKEN)), cookieOf(await login(ADMIN_TOKEN))];
      const owner = cookieOf(await login(token));
      const out = await withCookie(first, "/admin/api/logout-everywhere", {
        method: "POST",
        headers: ADMIN_HEADER,
      });
      expect(out.status).toBe(204);
      expect((await withCookie(first)).status).toBe(401);
      expect((await withCookie(second)).status).toBe(401);
      expect((await withCookie(owner, `/admin/api/sites/${siteId}`)).status).toBe(200);
    });
  });

  test("failed bearer tokens are limited like failed logins: past ten a minute, every attempt is 429", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (
          await harness.app.request("/admin/api/sites", {
            headers: { authorization: `Bearer guess-${i}-000000000000` },
          })
        ).status,
      );
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    harness.now += 60_000;
    expect((await harness.admin("/sites")).status).toBe(200);
  });

  describe("cross-site requests cannot act with the login cookie", () => {
    test.each([
      [
        "a text/plain POST rotating a secret",
        "/admin/api/sites/:site/secrets/outbound",
        { "content-type": "text/plain" },
      ],
      ["a text/plain POST logging out", "/admin/api/logout", { "content-type": "text/plain" }],
      [
        "a JSON POST from another origin",
        "/admin/api/sites/:site/secrets/outbound",
        { "content-type": "application/json", origin: "https://evil.example" },
      ],
      [
        "a POST with the admin's header from another origin",
        "/admin/api/logout",
        { "x-aquarium-admin": "1", origin: "https://evil.example" },
      ],
    ])("%s is refused with 403, and changes nothing", async (_name, path, headers) => {
      const site = (await (await harness.admin("/sites", { method: "POST", json: { name: "Shop" } })).json())
        .site.id;
      const cookie = cookieOf(await login(ADMIN_TOKEN));
      const before = await harness.store.sites.secret(site, "outbound");
      const response = await withCookie(cookie, path.replace(":site", site), {
        method: "POST",
        headers,
        body: "{}",
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
      expect(await harness.store.sites.secret(site, "outbound")).toBe(before);
      expect((await withCookie(cookie)).status).toBe(200);
    });

    test("the admin's own origin, with its header, goes through", async () => {
      const site = (await (await harness.admin("/sites", { method: "POST", json: { name: "Shop" } })).json())
        .site.id;
      const cookie = cookieOf(await login(ADMIN_TOKEN));
      const response = await withCookie(cookie, `/admin/api/sites/${site}/secrets/outbound`, {
        method: "POST",
        headers: { ...ADMIN_HEADER, origin: "http://127.0.0.1:8787" },
      });
      expect(response.status).toBe(200);
    });

    test("a login posted from another origin is refused", async () => {
      const response = await harness.app.request("/admin/api/login", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "https://evil.example" },
        body: JSON.stringify({ token: ADMIN_TOKEN }),
      });
      expect(response.status).toBe(403);
      expect(response.headers.get("set-cookie")).toBeNull();
    });
  });
});
