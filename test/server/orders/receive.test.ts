import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { CockpitAnswer } from "../../../server/contract/index.ts";
import { type TestApp, testApp } from "../../support/app.ts";
import { ENGINES } from "../../support/engines.ts";
import {
  fixtureText,
  standardHeaders,
  stripeEvent,
  stripeHeader,
  wooHeaders,
} from "../../support/signing.ts";

const WOO_RAW = fixtureText("woocommerce/order.json");
const WOO_EMAIL = "john.doe@example.com";
const WOO_KEY = "wc_order_58d2d042d1d";

/** What every order delivery leaves for the seller's cockpit: its outcome, never its payload. */
describe.each(ENGINES)("order deliveries in the cockpit on %s", (engine) => {
  let harness: TestApp;
  let siteId: string;
  let secrets: Record<string, string>;

  beforeEach(async () => {
    harness = await testApp(engine);
    const created = await harness.admin("/sites", {
      method: "POST",
      json: { name: "Fish shop", allowedOrigins: ["https://fish.example"] },
    });
    ({
      site: { id: siteId },
      secrets,
    } = (await created.json()) as { site: { id: string }; secrets: Record<string, string> });
    // Product 93 of the fixture's order is in the catalogue (by SKU): the order is one the site sells.
    await harness.admin(`/sites/${siteId}/products`, {
      method: "POST",
      json: { sku: "93", name: "Goldfish", price: 300, currency: "USD" },
    });
  });
  afterEach(() => harness.dispose());

  const post = (hook: string, site: string, raw: string, headers: Headers) =>
    harness.app.request(`/v1/hooks/${hook}/${site}`, { method: "POST", body: raw, headers });
  const woo = (deliveryId: string, raw = WOO_RAW, secret = secrets.woocommerce as string) =>
    post("woocommerce", siteId, raw, wooHeaders(raw, { secret, deliveryId }));

  async function cockpit(site = siteId): Promise<CockpitAnswer> {
    const response = await harness.admin(`/sites/${site}/cockpit`);
    expect(response.status).toBe(200);
    return (await response.json()) as CockpitAnswer;
  }
  const outcomes = async (source: string) =>
    (await cockpit()).hooks
      .find((log) => log.source === source)
      ?.deliveries.map((delivery) => [delivery.outcome, delivery.verified, delivery.order]);

  test("a stored order, its replay and a forged copy are listed newest first, each saying what became of it", async () => {
    expect((await woo("d-1")).status).toBe(200);
    harness.now += 1000;
    expect((await woo("d-1")).status).toBe(200);
    harness.now += 1000;
    expect((await woo("d-2", WOO_RAW, "not-the-site-secret")).status).toBe(401);

    expect(await outcomes("woocommerce")).toEqual([
      ["bad_signature", false, null],
      ["duplicate", true, "727"],
      ["stored", true, "727"],
    ]);
    const [forged] = (await cockpit()).hooks[0]?.deliveries ?? [];
    expect(forged?.message).toMatch(/signature does not match.*woocommerce secret/);
    expect(forged?.at).toBe(new Date(harness.now).toISOString());
  });

  test("an order none of whose products the site sells is stored, and the cockpit names the SKUs to give", async () => {
    const raw = JSON.stringify({
      ...(JSON.parse(WOO_RAW) as Record<string, unknown>),
      line_items: [{ product_id: 5, sku: "GUPPY-3", name: "Guppy", quantity: 1, subtotal: "4.00" }],
    });
    expect(await (await woo("d-3", raw)).json()).toEqual({ received: true, result: "stored" });
    const [delivery] = (await cockpit()).hooks[0]?.deliveries ?? [];
    expect(delivery).toMatchObject({ outcome: "unknown_products", verified: true, order: "727" });
    expect(delivery?.message).toContain("GUPPY-3");
  });

  test("a Stripe delivery to a site without Stripe's signing secret is refused, kept, and becomes a problem", async () => {
    const raw = JSON.stringify(
      stripeEvent({ session: { payment_status: "paid", amount_total: 300, currency: "usd" } }),
    );
    const headers = new Headers({
      "content-type": "application/json",
      "stripe-signature": stripeHeader(raw, "whsec_somethingElse0123456789", Math.floor(harness.now / 1000)),
    });
    expect((await post("stripe", siteId, raw, headers)).status).toBe(404);
    expect(await outcomes("stripe")).toEqual([["missing_secret", false, null]]);
    expect((await cockpit()).problems.map((problem) => problem.code)).toContain("secret_missing");
  });

  test("a signed body that is not an order is refused as unreadable, and a pending order is ignored", async () => {
    const notOrder = JSON.stringify({ id: "x" });
    const headers = standardHeaders(notOrder, secrets.orders as string, { id: "msg_1" });
    expect((await post("orders", siteId, notOrder, headers)).status).toBe(400);
    const pending = JSON.stringify({
      ...(JSON.parse(WOO_RAW) as Record<string, unknown>),
      status: "pending",
    });
    expect(await (await woo("d-4", pending)).json()).toEqual({ received: true, result: "ignored" });
    expect(await outcomes("orders")).toEqual([["unreadable", false, null]]);
    expect(await outcomes("woocommerce")).toEqual([["ignored", true, null]]);
  });

  test("deliveries for a site that does not exist are kept nowhere", async () => {
    const response = await post(
      "woocommerce",
      "site_doesNotExist000",
      WOO_RAW,
      wooHeaders(WOO_RAW, { secret: "x", deliveryId: "d" }),
    );
    expect(response.status).toBe(404);
    await harness.store.cockpit.flush();
    expect(await harness.store.cockpit.hooks("site_doesNotExist000")).toEqual([]);
    expect(await harness.store.cockpit.hooks(siteId)).toEqual([]);
  });

  test("nothing of the payload is kept: no email, no order key, no name, no amount", async () => {
    await woo("d-5");
    await woo("d-6", WOO_RAW, "forged");
    const kept = JSON.stringify([await harness.store.cockpit.hooks(siteId), await cockpit()]);
    for (const secret of [WOO_EMAIL, WOO_KEY, "John", "29.35", "Woo Single"])
      expect(kept).not.toContain(secret);
  });

  test("a failure to keep the record is logged and changes nothing of the platform's answer", async () => {
    const { cockpit: log } = harness.store;
    const broken = Object.create(log, {
      recordHook: {
        value: () => {
          throw new Error("the log is broken");
        },
      },
    });
    Object.defineProperty(harness.store, "cockpit", { value: broken });
    const stored = await woo("d-7");
    expect(stored.status).toBe(200);
    expect(await stored.json()).toEqual({ received: true, result: "stored" });
    const forged = await woo("d-8", WOO_RAW, "forged");
    expect(forged.status).toBe(401);
    expect(await harness.store.orders.find(siteId, "woocommerce", "727")).not.toBeNull();
    const warnings = harness.logs.filter((line) => String(line.msg).includes("could not be kept"));
    expect(warnings).toHaveLength(2);
  });
});
