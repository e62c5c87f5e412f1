import type { Server } from "node:http";
import { createAdaptorServer } from "@hono/node-server";
import { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { CATALOGUE } from "../../../demo/seed.ts";
import {
  DEMO_WOO_KEY,
  DEMO_WOO_SITE_NAME,
  type WooCommerceSeller,
  wooCommerceSeller,
} from "../../../demo/shop/woocommerce.ts";
import { STAND_IN_LABEL } from "../../../demo/stand-ins/woocommerce-pages.ts";
import { DecisionResponse, SessionResponse } from "../../../server/contract/index.ts";
import { type TestApp, testApp } from "../../support/app.ts";
import { ENGINES } from "../../support/engines.ts";
import { freePort } from "../../support/process.ts";
import { browserSecret } from "../../support/shop.ts";

/**
 * The demo's WooCommerce seller, against the demo's WooCommerce stand-in mounted on the server's own port (as
 * `npm run demo` mounts it), reached by the server over plain http on loopback, as only development allows.
 */
describe.each(ENGINES)("the demo's WooCommerce seller (WooCommerce stand-in) on %s", (engine) => {
  let harness: TestApp;
  let seller: WooCommerceSeller;
  let server: Server;
  let base: string;

  beforeEach(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    harness = await testApp(engine, { env: { PUBLIC_URL: base }, start: Date.now() });
    seller = await wooCommerceSeller(harness.deps());
    // As demo/run.ts mounts them, on the server's app ("/x" and "/x/" alike).
    const app = new Hono({ strict: false });
    app.route("/stand-ins/woocommerce", seller.standInRoutes);
    app.route("/shop/woocommerce", seller.shopRoutes);
    app.all("*", (c) => harness.app.fetch(c.req.raw));
    server = createAdaptorServer({ fetch: app.fetch }) as Server;
    await new Promise<void>((done) => server.listen(port, "127.0.0.1", done));
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
    await harness.dispose();
  });

  test("is seeded beside the demo shop, paid with WooCommerce through a connection to the stand-in", async () => {
    expect(await harness.store.sites.get(seller.siteId)).toMatchObject({
      name: DEMO_WOO_SITE_NAME,
      payments: "woocommerce",
    });
    const connection = JSON.parse(
      (await harness.store.sites.secret(seller.siteId, "woocommerce-api")) ?? "{}",
    );
    expect(connection).toMatchObject({ url: `${base}/stand-ins/woocommerce`, key: DEMO_WOO_KEY });
    expect((await wooCommerceSeller(harness.deps())).siteId).toBe(seller.siteId);
    expect([...seller.standIn.products.values()].map((product) => product.sku)).toEqual(
      CATALOGUE.map((item) => item.sku),
    );
  });

  test("walks the whole path: a checkout at the stand-in shop, the offer accepted as a linked order, paid on the stand-in's order-pay page, the payment paid by its webhook", async () => {
    const bought = await fetch(`${base}/shop/woocommerce/checkout`, {
      method: "POST",
      body: new URLSearchParams({ sku: "goldfish", email: "buyer@example.com" }),
      redirect: "manual",
    });
    expect(bought.status).toBe(303);
    const thankYou = new URL(bought.headers.get("location") as string, base);
    const [, id, key] =
      /\/order-received\/(\d+)\/\?key=(wc_order_\w+)$/.exec(`${thankYou.pathname}${thankYou.search}`) ?? [];
    expect((await fetch(thankYou)).status).toBe(200);

    const secret = browserSecret();
    const claimed = SessionResponse.parse(
      await (
        await harness.app.request("/v1/sessions", {
          method: "POST",
          headers: { "content-type": "application/json", origin: base },
          body: JSON.stringify({ site: seller.siteId, order: { source: "woocommerce", id, key }, secret }),
        })
      ).json(),
    );
    expect(claimed.offer?.title).toMatch(/^Give your goldfish a home/);
    const decided = await harness.app.request(`/v1/sessions/${claimed.session.id}/decisions`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: base,
        authorization: `Bearer ${secret}`,
        "idempotency-key": "demo-woo-accept-1",
      },
      body: JSON.stringify({ offer: claimed.offer?.id, action: "accept", quantity: 1 }),
    });
    const { decision } = DecisionResponse.parse(await decided.json());
    expect(decision.payment).toMatchObject({ provider: "woocommerce", status: "requires_action" });
    const payPage = decision.payment?.actionUrl as string;
    expect(payPage).toMatch(
      new RegExp(
        `^${base}/stand-ins/woocommerce/checkout/order-pay/\\d+/\\?pay_for_order=true&key=wc_order_`,
      ),
    );
    const linked = [...seller.standIn.orders.values()].find((order) => order.parent_id === Number(id));
    expect(linked).toMatchObject({ status: "pending", total: "66.75", currency: "EUR" });

    const page = await (await fetch(payPage)).text();
    expect(page).toContain(STAND_IN_LABEL);
    expect(page).toContain("66.75 EUR");
    const paid = await fetch(payPage, { method: "POST", redirect: "manual" });
    expect(paid.headers.get("location")).toBe(
      `${base}/shop/woocommerce/checkout/order-received/${linked?.id}/?key=${linked?.order_key}`,
    );
    const [payment] = await harness.store.payments.list(seller.siteId);
    expect(payment).toMatchObject({ status: "paid", amount: 6675, reference: String(linked?.id) });
  });
});
