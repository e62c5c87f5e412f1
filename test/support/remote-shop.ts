import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fixtureText, wooHeaders } from "./signing.ts";

export const REMOTE_ORIGIN = "https://fish.example";

/** JSON over HTTP to a running server, as a seller's scripts, a platform or the widget would send it. */
export async function call(
  base: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; json?: unknown } = {},
) {
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? (init.json === undefined ? "GET" : "POST"),
    headers: { ...(init.json !== undefined && { "content-type": "application/json" }), ...init.headers },
    ...(init.json !== undefined && { body: JSON.stringify(init.json) }),
  });
  const text = await response.text();
  return { status: response.status, text, json: text ? JSON.parse(text) : null };
}

/**
 * A shop set up on a running server entirely over HTTP: a site (demo payments, outbound webhooks to
 * `webhookUrl`), the tank offered to buyers of product 93, and WooCommerce's own example order 727
 * (../shared/fixtures, status processing, paid now) delivered by a signed webhook.
 */
export async function remoteShop(base: string, adminToken: string, webhookUrl: string) {
  const admin = { authorization: `Bearer ${adminToken}` };
  const site = await call(base, "/admin/api/sites", {
    headers: admin,
    json: { name: "Fish shop", allowedOrigins: [REMOTE_ORIGIN], payments: "demo", webhookUrl },
  });
  const siteId = site.json.site.id as string;
  const product = async (sku: string, price: number) =>
    (
      await call(base, `/admin/api/sites/${siteId}/products`, {
        headers: admin,
        json: { sku, name: sku, price, currency: "USD" },
      })
    ).json.product.id as string;
  const fish = await product("93", 300);
  const tank = await product("tank", 8900);
  const offer = await call(base, `/admin/api/sites/${siteId}/offers`, {
    headers: admin,
    json: {
      name: "Tank",
      productId: tank,
      trigger: { products: [fish] },
      discount: { type: "percent", value: 25 },
    },
  });

  const wooSecret = site.json.secrets.woocommerce as string;
  const order = JSON.parse(fixtureText("woocommerce/order.json"));
  await deliverOrder(base, siteId, wooSecret, {});
  return {
    siteId,
    offerId: offer.json.offer.id as string,
    orderKey: order.order_key as string,
    /** Another paid order of the same shape, by WooCommerce's signed webhook: its id and key. */
    newOrder: async (id: number) => {
      const key = `wc_order_${id}x${Math.random().toString(36).slice(2, 10)}`;
      await deliverOrder(base, siteId, wooSecret, { id, order_key: key, number: String(id) });
      return { id: String(id), key };
    },
  };
}

/**
 * WooCommerce's own example order (../shared/fixtures, status processing) with `changes`, paid a moment ago
 * so that its offer window is open, delivered by a signed `order.created` webhook.
 */
async function deliverOrder(base: string, siteId: string, secret: string, changes: Record<string, unknown>) {
  const order = JSON.parse(fixtureText("woocommerce/order.json"));
  const now = new Date().toISOString().slice(0, 19);
  const raw = JSON.stringify({
    ...order,
    ...changes,
    date_paid_gmt: now,
    date_modified_gmt: now,
    date_created_gmt: now,
  });
  const delivered = await fetch(`${base}/v1/hooks/woocommerce/${siteId}`, {
    method: "POST",
    headers: wooHeaders(raw, {
      secret,
      topic: "order.created",
      deliveryId: `delivery-${String(changes.id ?? "727")}`,
    }),
    body: raw,
  });
  if (!delivered.ok) throw new Error(`order not delivered: ${delivered.status} ${await delivered.text()}`);
}

/** A seller's webhook endpoint on 127.0.0.1 that records what it receives and answers 204. */
export async function webhookReceiver(
  port = 0,
): Promise<{ url: string; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      received.push(body);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((done) => server.listen(port, "127.0.0.1", done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
