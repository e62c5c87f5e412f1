import { randomBytes } from "node:crypto";
import type { PaymentProvider } from "../../server/contract/index.ts";
import { sha256Hex } from "../../server/crypto.ts";
import { type NewOrder, NO_PAYMENT } from "../../server/domain.ts";
import type { TestApp } from "./app.ts";

export const ORIGIN = "https://fish.example";
export const ORDER_KEY = "wc_order_58d2d042d1d";

async function json<T>(response: Response | Promise<Response>): Promise<T> {
  const answered = await response;
  if (!answered.ok) throw new Error(`${answered.status}: ${await answered.text()}`);
  return (await answered.json()) as T;
}

/** How many shops each harness was seeded with: site names are unique, so a second shop is "Fish shop 2". */
const seeded = new WeakMap<TestApp, number>();

/**
 * A shop as a seller would set it up through the admin API: a fish, a tank offered to fish buyers
 * (declined → a water-care downsell, accepted → food), and a paid WooCommerce order for the fish.
 */
export async function seedShop(
  harness: TestApp,
  options: { payments?: PaymentProvider; webhookUrl?: string } = {},
) {
  const { site, secrets } = await json<{ site: { id: string }; secrets: Record<string, string> }>(
    harness.admin("/sites", {
      method: "POST",
      json: {
        name: shopName(harness),
        allowedOrigins: [ORIGIN],
        payments: options.payments ?? "demo",
        webhookUrl: options.webhookUrl ?? null,
      },
    }),
  );
  const product = async (sku: string, price: number) =>
    (
      await json<{ product: { id: string } }>(
        harness.admin(`/sites/${site.id}/products`, {
          method: "POST",
          json: { sku, name: `The ${sku}`, price, currency: "USD" },
        }),
      )
    ).product.id;
  const fish = await product("93", 300);
  const tank = await product("tank", 8900);
  const care = await product("water-care", 1900);
  const food = await product("food", 500);
  const offer = async (body: Record<string, unknown>) =>
    (
      await json<{ offer: { id: string } }>(
        harness.admin(`/sites/${site.id}/offers`, { method: "POST", json: body }),
      )
    ).offer.id;
  const foodOffer = await offer({
    name: "Food",
    productId: food,
    discount: { type: "fixed", value: 100 },
    priority: -5,
  });
  const careOffer = await offer({
    name: "Care",
    productId: care,
    discount: { type: "percent", value: 20 },
    priority: -5,
  });
  const tankOffer = await offer({
    name: "Tank",
    productId: tank,
    trigger: { products: [fish] },
    discount: { type: "percent", value: 25 },
    quantityMax: 2,
    priority: 10,
    downsellId: careOffer,
    nextId: foodOffer,
  });
  return {
    siteId: site.id,
    secrets,
    products: { fish, tank, care, food },
    offers: { tank: tankOffer, care: careOffer, food: foodOffer },
  };
}

function shopName(harness: TestApp): string {
  const count = (seeded.get(harness) ?? 0) + 1;
  seeded.set(harness, count);
  return count === 1 ? "Fish shop" : `Fish shop ${count}`;
}

/** A paid WooCommerce order 727 for two fish, paid a minute before the harness's clock. */
export async function paidOrder(harness: TestApp, siteId: string, overrides: Partial<NewOrder> = {}) {
  await harness.store.orders.ingest(
    { siteId, source: "woocommerce", deliveryId: `d-${Math.random()}` },
    {
      siteId,
      source: "woocommerce",
      externalId: "727",
      keyHash: sha256Hex(ORDER_KEY),
      lines: [{ product: "93", quantity: 2, unitPrice: 300 }],
      total: 2935,
      currency: "USD",
      emailHash: null,
      status: "paid",
      paidAt: harness.now - 60_000,
      sourceUpdatedAt: harness.now - 60_000,
      ...NO_PAYMENT,
      ...overrides,
    },
    harness.now,
  );
}

/** A browser's own claim secret, as the widget makes it: 256 random bits, base64url (43 characters). */
export const browserSecret = (): string => randomBytes(32).toString("base64url");

/** The secret `claim` sends when the body names none: one browser, the same across a test's claims. */
export const BROWSER_SECRET = browserSecret();

/**
 * `POST /v1/sessions` as the widget sends it, from the shop's origin unless told otherwise; an object body
 * without a `secret` gets BROWSER_SECRET (one browser), a string body goes as it is.
 */
export async function claim(
  harness: TestApp,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const sent =
    typeof body === "string"
      ? body
      : JSON.stringify(
          body && typeof body === "object" && !("secret" in body)
            ? { ...body, secret: BROWSER_SECRET }
            : body,
        );
  return harness.app.request("/v1/sessions", {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN, ...headers },
    body: sent,
  });
}

export async function decide(
  harness: TestApp,
  sessionId: string,
  secret: string,
  body: unknown,
  key: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return harness.app.request(`/v1/sessions/${sessionId}/decisions`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin: ORIGIN,
      authorization: `Bearer ${secret}`,
      "idempotency-key": key,
      ...headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
