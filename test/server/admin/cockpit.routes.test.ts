import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { CockpitAnswer } from "../../../server/contract/index.ts";
import { type TestApp, testApp } from "../../support/app.ts";
import { ENGINES } from "../../support/engines.ts";
import { envelopeOf } from "../../support/envelope.ts";
import { seedShop } from "../../support/shop.ts";

/** `/admin/api/sites/:site/cockpit` and `…/test-orders`: a site's owner sees their own site's, and nobody else. */
describe.each(ENGINES)("the cockpit's routes on %s", (engine) => {
  let harness: TestApp;
  let shop: Awaited<ReturnType<typeof seedShop>>;
  let other: Awaited<ReturnType<typeof seedShop>>;

  beforeEach(async () => {
    harness = await testApp(engine);
    shop = await seedShop(harness);
    other = await seedShop(harness);
  });
  afterEach(() => harness.dispose());

  const asOwner = (owner: string, path: string, init: RequestInit = {}) =>
    harness.admin(path, { ...init, headers: { authorization: `Bearer ${owner}`, ...init.headers } });

  test("the owner reads their site's cockpit, in the contract's shape", async () => {
    const response = await asOwner(shop.secrets.owner as string, `/sites/${shop.siteId}/cockpit`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const answer = CockpitAnswer.parse(await response.json());
    expect(answer).toMatchObject({ hooks: [], claims: [] });
  });

  test("another site's owner gets the same 404 as for a site that does not exist, and sends no test order", async () => {
    const owner = other.secrets.owner as string;
    for (const response of [
      await asOwner(owner, `/sites/${shop.siteId}/cockpit`),
      await asOwner(owner, `/sites/site_doesNotExist000/cockpit`),
      await asOwner(owner, `/sites/${shop.siteId}/test-orders`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      }),
    ]) {
      expect(response.status).toBe(404);
      expect((await envelopeOf(response)).code).toBe("not_found");
    }
    expect(await harness.store.orders.currencies(shop.siteId, 0)).toEqual([]);
    expect(await harness.store.cockpit.hooks(shop.siteId)).toEqual([]);
  });

  test("without a login, nothing", async () => {
    const response = await harness.app.request(`/admin/api/sites/${shop.siteId}/cockpit`);
    expect(response.status).toBe(401);
  });

  test("a test order's body is read with the contract: an unknown field or platform is refused by name", async () => {
    const response = await harness.admin(`/sites/${shop.siteId}/test-orders`, {
      method: "POST",
      json: { source: "orders", total: 1 },
    });
    expect(response.status).toBe(400);
    expect(await envelopeOf(response)).toMatchObject({ code: "invalid_request" });
  });
});
