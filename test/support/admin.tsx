import { render, screen, within } from "@testing-library/preact";
import { App } from "../../demo/admin/App.tsx";
import { createApi } from "../../demo/admin/api.ts";
import { currentSite, parseRoute, route, scope } from "../../demo/admin/state.ts";
import { ADMIN_TOKEN, type TestApp } from "./app.ts";

/**
 * The admin's fetch, answered in process by the real server, with a browser's login session.
 * happy-dom's Request drops the `Cookie` header and its Response hides `Set-Cookie` (both forbidden to
 * page scripts), so the session cookie cannot cross here. This plays the browser's part instead: after
 * a 200 from /login it sends the token that logged in as `Authorization: Bearer` (which the server takes
 * from scripts), and after /logout it stops. Before a login, as after a logout, every call goes without.
 */
export function browserFetch(harness: TestApp) {
  const session: { token: string | null; calls: string[] } = { token: null, calls: [] };
  const fetch = async (input: Request | URL | string, init?: RequestInit): Promise<Response> => {
    const request =
      input instanceof Request ? input : new Request(new URL(String(input), location.href), init);
    const path = new URL(request.url).pathname;
    session.calls.push(`${request.method} ${path}`);
    const body = path.endsWith("/login") ? ((await request.clone().json()) as { token: string }) : null;
    if (session.token) request.headers.set("authorization", `Bearer ${session.token}`);
    const response = await harness.app.request(request);
    if (body && response.ok) session.token = body.token;
    if (path.endsWith("/logout")) session.token = null;
    return response;
  };
  return { fetch, session };
}

/** A browser already logged in as the operator, as the login form does it. */
export async function operator(harness: TestApp) {
  const browser = browserFetch(harness);
  const response = await browser.fetch(
    new Request("http://localhost/admin/api/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: ADMIN_TOKEN }),
    }),
  );
  if (!response.ok) throw new Error(`login: ${response.status}`);
  return browser;
}

/** The admin as a page load at `hash` would start it: nobody known yet, no site open. */
export function openAdmin(harness: TestApp, hash: string, browser = browserFetch(harness)) {
  scope.value = undefined;
  currentSite.value = null;
  location.hash = hash;
  route.value = parseRoute(hash);
  const view = render(<App api={createApi({ fetch: browser.fetch })} />);
  return { view, browser };
}

/** The error shown beside a field: the element its aria-describedby names for errors. */
export function errorOf(field: HTMLElement): string | null {
  const ids = field.getAttribute("aria-describedby")?.split(" ") ?? [];
  const id = ids.find((name) => name.endsWith("-error"));
  return id ? (document.getElementById(id)?.textContent ?? null) : null;
}

/**
 * The harness as the shop's thank-you page calls it (for test/support/shop.ts's claim and decide). happy-dom's
 * Request drops the headers a browser sets itself (Origin, Content-Length), so they are put back on the built
 * request, as test/widget/panel.test.tsx does.
 */
export function shopPage(harness: TestApp): TestApp {
  const request = (path: string, init: RequestInit = {}) => {
    const built = new Request(new URL(path, "http://localhost"), init);
    for (const [name, value] of new Headers(init.headers)) built.headers.set(name, value);
    if (typeof init.body === "string") {
      built.headers.set("content-length", String(new TextEncoder().encode(init.body).byteLength));
    }
    return harness.app.request(built);
  };
  return Object.create(harness, { app: { value: { request } } }) as TestApp;
}

/** The editor section on screen: the one under the heading "New <item>" or "Edit “…”". */
export async function editorFor(item: string) {
  const heading = await screen.findByRole("heading", { name: new RegExp(`^(New ${item}|Edit “.*”)$`) });
  return within(heading.closest("section") as HTMLElement);
}
