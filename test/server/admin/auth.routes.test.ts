import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { SecretKind } from "../../../server/contract/index.ts";
import { ADMIN_TOKEN, type TestApp, testApp } from "../../support/app.ts";

/** Every admin route, with a body that the right token makes succeed, and the status it then answers. */
interface Route {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  body?: unknown;
  ok: number;
}

const ROUTES: Route[] = [
  { method: "GET", path: "/sites", ok: 200 },
  { method: "POST", path: "/sites", body: { name: "Another shop" }, ok: 201 },
  { method: "GET", path: "/sites/:site", ok: 200 },
  { method: "PATCH", path: "/sites/:site", body: { name: "Renamed shop" }, ok: 200 },
  { method: "DELETE", path: "/sites/:site", ok: 204 },
  { method: "POST", path: "/sites/:site/secrets/token", ok: 200 },
  {
    method: "POST",
    path: "/sites/:site/secrets/stripe",
    body: { secret: "whsec_abcdefgh12345678" },
    ok: 200,
  },
  { method: "GET", path: "/sites/:site/products", ok: 200 },
  {
    method: "POST",
    path: "/sites/:site/products",
    body: { sku: "FILTER-1", name: "Filter", price: 1990, currency: "EUR" },
    ok: 201,
  },
  { method: "GET", path: "/sites/:site/products/:product", ok: 200 },
  { method: "PATCH", path: "/sites/:site/products/:product", body: { price: 4200 }, ok: 200 },
  { method: "DELETE", path: "/sites/:site/products/:spare", ok: 204 },
  { method: "GET", path: "/sites/:site/offers", ok: 200 },
  {
    method: "POST",
    path: "/sites/:site/offers",
    body: { name: "Second offer", productId: ":product", discount: { type: "fixed", value: 100 } },
    ok: 201,
  },
  { method: "GET", path: "/sites/:site/offers/:offer", ok: 200 },
  { method: "PATCH", path: "/sites/:site/offers/:offer", body: { active: false }, ok: 200 },
  { method: "DELETE", path: "/sites/:site/offers/:offer", ok: 204 },
];

/** Authorization headers that must all be refused; `null` sends none at all. */
const REFUSED: [string, string | null][] = [
  ["no Authorization header", null],
  ["a wrong token", "Bearer not-the-admin-token-at-all-000000"],
  [
    "a token differing in its last character",
    `Bearer ${ADMIN_TOKEN.slice(0, -1)}${ADMIN_TOKEN.endsWith("x") ? "y" : "x"}`,
  ],
  ["the right token under the Basic scheme", `Basic ${ADMIN_TOKEN}`],
  ["the right token as Basic credentials", `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString("base64")}`],
  ["an empty bearer", "Bearer "],
  ["the token without a scheme", ADMIN_TOKEN],
  ["the token followed by more characters", `Bearer ${ADMIN_TOKEN}0`],
];

const label = (route: Route) => `${route.method} ${route.path}`;

describe("admin authentication", () => {
  let harness: TestApp;
  let ids: { site: string; product: string; spare: string; offer: string };

  beforeEach(async () => {
    harness = await testApp("sqlite");
    const site = await harness.admin("/sites", { method: "POST", json: { name: "Fish shop" } });
    expect(site.status).toBe(201);
    const siteId: string = (await site.json()).site.id;
    const product = await harness.admin(`/sites/${siteId}/products`, {
      method: "POST",
      json: { sku: "TANK-60", name: "60 L tank", price: 8900, currency: "EUR" },
    });
    const spare = await harness.admin(`/sites/${siteId}/products`, {
      method: "POST",
      json: { sku: "NET-S", name: "Small net", price: 450, currency: "EUR" },
    });
    const productId: string = (await product.json()).product.id;
    const offer = await harness.admin(`/sites/${siteId}/offers`, {
      method: "POST",
      json: { name: "Tank deal", productId, discount: { type: "percent", value: 10 } },
    });
    expect(offer.status).toBe(201);
    ids = {
      site: siteId,
      product: productId,
      spare: (await spare.json()).product.id,
      offer: (await offer.json()).offer.id,
    };
  });

  afterEach(async () => {
    await harness.dispose();
  });

  const fill = (text: string) =>
    text
      .replace(":site", ids.site)
      .replace(":product", ids.product)
      .replace(":spare", ids.spare)
      .replace(":offer", ids.offer);

  /** The route sent straight to the app, with exactly the Authorization header given (or none). */
  function send(route: Route, authorization: string | null): Promise<Response> {
    const headers = new Headers();
    if (authorization !== null) headers.set("authorization", authorization);
    if (route.body !== undefined) headers.set("content-type", "application/json");
    return Promise.resolve(
      harness.app.request(`/admin/api${fill(route.path)}`, {
        method: route.method,
        headers,
        ...(route.body !== undefined && { body: fill(JSON.stringify(route.body)) }),
      }),
    );
  }

  /** Everything the admin API can change: sites, their secrets, products and offers. */
  async function snapshot(): Promise<unknown> {
    const sites = await harness.store.sites.list();
    return Promise.all(
      sites.map(async (site) => ({
        site,
        secrets: await Promise.all(
          SecretKind.options.map((kind) => harness.store.sites.secret(site.id, kind)),
        ),
        products: await harness.store.products.list(site.id),
        offers: await harness.store.offers.list(site.id),
      })),
    );
  }

  describe.each(ROUTES)("$method $path", (route) => {
    test.each(REFUSED)(
      "refuses %s with 401, the error envelope and a Bearer challenge, changing nothing",
      async (_, authorization) => {
        const before = await snapshot();
        const response = await send(route, authorization);
        expect(response.status).toBe(401);
        expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm="[^"]+"$/);
        const body = await response.json();
        expect(body).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
        expect(body.error.message.length).toBeGreaterThan(0);
        expect(await snapshot()).toEqual(before);
      },
    );

    test(`accepts the right token (${label(route)} answers ${route.ok})`, async () => {
      const response = await send(route, `Bearer ${ADMIN_TOKEN}`);
      expect(response.status).toBe(route.ok);
      expect(response.headers.get("www-authenticate")).toBeNull();
    });
  });

  test("the bearer scheme name is matched without regard to case", async () => {
    const response = await send(ROUTES[0] as Route, `bearer ${ADMIN_TOKEN}`);
    expect(response.status).toBe(200);
  });

  test("a site created with a wrong token does not exist afterwards", async () => {
    await harness.admin(`/sites/${ids.site}`, { method: "DELETE" });
    const refused = await harness.admin("/sites", {
      method: "POST",
      json: { name: "Intruder shop" },
      headers: { authorization: "Bearer wrong-token-wrong-token-wrong" },
    });
    expect(refused.status).toBe(401);
    const list = await harness.admin("/sites");
    expect(await list.json()).toEqual({ sites: [] });
  });

  test("an unknown admin path is refused with 401 before anything reveals whether it exists", async () => {
    const response = await harness.app.request("/admin/api/no-such-thing");
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "unauthorized" } });
  });
});
