import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { ADMIN_TOKEN, type TestApp, testApp } from "../support/app.ts";
import { ENGINES } from "../support/engines.ts";

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
    const { sha256Hex } = await import("../../server/crypto.ts");
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
    const out = await withCookie(cookie, "/admin/api/logout", { method: "POST" });
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
});
