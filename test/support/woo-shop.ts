import type { Bundle } from "../../server/embed/bundle.ts";
import { type TestApp, testApp } from "./app.ts";
import type { Engine } from "./engines.ts";
import type { FakeKey, FakeOrder, WooTemplates } from "./fake-woocommerce.ts";
import { serveFakeWooCommerce } from "./fake-woocommerce.ts";
import { seedShop } from "./shop.ts";
import { fixtureText, wooHeaders } from "./signing.ts";

/** The seller's REST API key (WooCommerce → Settings → Advanced → REST API), with Read/Write permissions. */
export const WOO_KEY = "ck_0123456789abcdef0123456789abcdef01234567";
export const WOO_SECRET = "cs_fedcba9876543210fedcba9876543210fedcba98";

/** WooCommerce's own documented examples (../shared/fixtures/woocommerce), the templates of everything the fake makes. */
export const wooTemplates = (): WooTemplates => ({
  order: JSON.parse(fixtureText("woocommerce/order.json")),
  product: JSON.parse(fixtureText("woocommerce/product.json")),
  note: JSON.parse(fixtureText("woocommerce/order-note.json")),
});

/**
 * A shop whose payments are WooCommerce, against the FAKE WooCommerce (WooCommerce cannot run here), served
 * over HTTPS: its products carry the SKUs of the site's catalogue (seedShop: the fish "93", the tank, the
 * water care, the food), the site's REST API connection is set through the admin (and checked there), and its
 * webhooks are signed as WooCommerce signs them, with the site's `woocommerce` secret.
 */
export async function wooShop(
  engine: Engine,
  options: {
    taxRate?: number;
    keys?: FakeKey[];
    env?: Record<string, string>;
    /** SQLite in a file, to survive `harness.restart()` (a crash). */
    file?: boolean;
    /**
     * "http" serves the fake at http://127.0.0.1:<port>, taking the key over plain http from this machine as
     * only the demo's stand-in does (a browser reaches it without a certificate or a name to resolve).
     */
    protocol?: "https" | "http";
    /** The built widget, for a browser to load from this server. */
    bundle?: Bundle | null;
  } = {},
) {
  const protocol = options.protocol ?? "https";
  const fake = await serveFakeWooCommerce(
    {
      templates: wooTemplates(),
      currency: "USD",
      keys: options.keys ?? [{ key: WOO_KEY, secret: WOO_SECRET, permissions: "read_write" }],
      ...(options.taxRate !== undefined && { taxRate: options.taxRate }),
      plainHttpFromLoopback: protocol === "http",
    },
    { protocol },
  );
  const products = {
    fish: fake.addProduct({ name: "The 93", sku: "93", price: "3.00" }),
    tank: fake.addProduct({ name: "The tank", sku: "tank", price: "89.00" }),
    care: fake.addProduct({ name: "The water-care", sku: "water-care", price: "19.00" }),
    food: fake.addProduct({ name: "The food", sku: "food", price: "5.00" }),
  };
  const harness: TestApp = await testApp(engine, {
    start: Date.now(),
    file: options.file ?? false,
    bundle: options.bundle ?? null,
    ...(options.env && { env: options.env }),
  });
  const shop = await seedShop(harness, { payments: "woocommerce", webhookUrl: "http://127.0.0.1:9/hooks" });
  const connected = await harness.admin(`/sites/${shop.siteId}/secrets/woocommerce-api`, {
    method: "POST",
    json: { url: fake.url, key: WOO_KEY, secret: WOO_SECRET },
  });
  if (!connected.ok) throw new Error(`connection not saved: ${connected.status} ${await connected.text()}`);

  let deliveries = 0;
  /** Posts an order webhook to the site, signed as WooCommerce signs it; the same delivery id twice is a replay. */
  async function deliver(topic: string, order: object, deliveryId = `wc-delivery-${++deliveries}`) {
    const raw = JSON.stringify(order);
    return harness.app.request(`/v1/hooks/woocommerce/${shop.siteId}`, {
      method: "POST",
      headers: wooHeaders(raw, { secret: shop.secrets.woocommerce as string, topic, deliveryId }),
      body: raw,
    });
  }
  // What the shop's own pages change (a payment on the order-pay page) reaches the site as WooCommerce's webhook.
  fake.onEvent = async (topic, order) => {
    const answer = await deliver(topic, order);
    if (!answer.ok) throw new Error(`webhook refused: ${answer.status} ${await answer.text()}`);
  };

  /** A front-end order paid at the shop's checkout (two fish unless told), told to the site by its webhook. */
  async function paidOrder({
    lines = [{ sku: "93", quantity: 2 }],
    deliver: told = true,
  }: {
    lines?: { sku: string; quantity: number }[];
    deliver?: boolean;
  } = {}): Promise<FakeOrder> {
    const order = fake.paidOrder(lines);
    if (told) {
      const answer = await deliver("order.created", order);
      if (!answer.ok) throw new Error(`order not delivered: ${answer.status} ${await answer.text()}`);
    }
    return order;
  }

  /** Opens one of the shop's pages (the order-pay page) as a browser would, without a DNS for its name. */
  const visit = async (url: string, init: RequestInit = {}) => {
    const answer = await fake.handle(new Request(url, init), { secure: true, remoteAddress: "203.0.113.7" });
    if (!answer) throw new Error("the page's answer was lost");
    return answer;
  };

  return {
    fake,
    products,
    harness,
    shop,
    deliver,
    paidOrder,
    visit,
    async close() {
      await harness.dispose();
      await fake.close();
    },
  };
}
export type WooShop = Awaited<ReturnType<typeof wooShop>>;
