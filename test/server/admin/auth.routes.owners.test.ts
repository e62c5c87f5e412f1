import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { type TestApp, testApp } from "../../support/app.ts";
import { ENGINES } from "../../support/engines.ts";

/** A site owner logs in with their site's owner token and sees their site only, as if no other existed. */
describe.each(ENGINES)("site owners on %s", (engine) => {
  let harness: TestApp;
  let a: { id: string; owner: string; product: string; offer: string };
  let b: { id: string; owner: string; product: string; offer: string };

  async function site(name: string) {
    const created = await (await harness.admin("/sites", { method: "POST", json: { name } })).json();
    const id = created.site.id as string;
    const product = (
      await (
        await harness.admin(`/sites/${id}/products`, {
          method: "POST",
          json: { sku: "x", name: "X", price: 100, currency: "EUR" },
        })
      ).json()
    ).product.id as string;
    const offer = (
      await (
        await harness.admin(`/sites/${id}/offers`, {
          method: "POST",
          json: { name: "O", productId: product, discount: { type: "percent", value: 10 } },
        })
      ).json()
    ).offer.id as string;
    return { id, owner: created.secrets.owner as string, product, offer };
  }
  const as = (token: string, path: string, init: RequestInit & { json?: unknown } = {}) =>
    harness.admin(path, { ...init, headers: { authorization: `Bearer ${token}` } });

  beforeEach(async () => {
    harness = await testApp(engine);
    a = await site("A");
    b = await site("B");
  });
  afterEach(() => harness.dispose());

  test("an owner's token logs in to its own site only", async () => {
    const response = await harness.app.request("/admin/api/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: a.owner }),
    });
    expect(await response.json()).toEqual({ scope: a.id });
    const list = await (await as(a.owner, "/sites")).json();
    expect(list.sites.map((s: { id: string }) => s.id)).toEqual([a.id]);
  });

  test("an owner reads and changes their own site", async () => {
    expect((await as(a.owner, `/sites/${a.id}/products`)).status).toBe(200);
    const patched = await as(a.owner, `/sites/${a.id}`, { method: "PATCH", json: { name: "A2" } });
    expect(patched.status).toBe(200);
  });

  test.each([
    ["GET", (x: typeof b) => `/sites/${x.id}`],
    ["PATCH", (x: typeof b) => `/sites/${x.id}`],
    ["GET", (x: typeof b) => `/sites/${x.id}/products`],
    ["GET", (x: typeof b) => `/sites/${x.id}/products/${x.product}`],
    ["PATCH", (x: typeof b) => `/sites/${x.id}/products/${x.product}`],
    ["DELETE", (x: typeof b) => `/sites/${x.id}/products/${x.product}`],
    ["GET", (x: typeof b) => `/sites/${x.id}/offers/${x.offer}`],
    ["PATCH", (x: typeof b) => `/sites/${x.id}/offers/${x.offer}`],
    ["DELETE", (x: typeof b) => `/sites/${x.id}/offers/${x.offer}`],
    ["POST", (x: typeof b) => `/sites/${x.id}/secrets/woocommerce`],
    ["GET", (x: typeof b) => `/sites/${x.id}/stats`],
    ["GET", (x: typeof b) => `/sites/${x.id}/stats/figures.csv`],
    ["GET", (x: typeof b) => `/sites/${x.id}/stats/orders`],
    ["GET", (x: typeof b) => `/sites/${x.id}/stats/orders.csv`],
    ["GET", (x: typeof b) => `/sites/${x.id}/snippet`],
  ])("an owner's %s %s on another site is a 404, and changes nothing", async (method, path) => {
    const before = await harness.store.sites.secret(b.id, "woocommerce");
    const response = await as(a.owner, path(b), {
      method,
      json: method === "PATCH" ? { name: "taken" } : undefined,
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
    expect((await harness.store.sites.get(b.id))?.name).toBe("B");
    expect(await harness.store.products.get(b.id, b.product)).not.toBeNull();
    expect(await harness.store.offers.get(b.id, b.offer)).not.toBeNull();
    expect(await harness.store.sites.secret(b.id, "woocommerce")).toBe(before);
  });

  test("only the operator creates or deletes sites", async () => {
    const created = await as(a.owner, "/sites", { method: "POST", json: { name: "C" } });
    expect(created.status).toBe(403);
    expect(await created.json()).toMatchObject({ error: { code: "forbidden" } });
    expect((await as(a.owner, `/sites/${a.id}`, { method: "DELETE" })).status).toBe(403);
    expect(await harness.store.sites.get(a.id)).not.toBeNull();
  });

  test("rotating the owner token retires the old one", async () => {
    const rotated = await (await as(a.owner, `/sites/${a.id}/secrets/owner`, { method: "POST" })).json();
    expect((await as(a.owner, "/sites")).status).toBe(401);
    expect((await as(rotated.secret, "/sites")).status).toBe(200);
  });
});
