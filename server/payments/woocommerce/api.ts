import * as z from "zod/mini";
import { type WooClient, WooError } from "./client.ts";
import { RestCurrency, RestNote, RestOrder, RestProduct } from "./shapes.ts";

/** What the server sends to create a linked order (`POST /orders`), as WooCommerce's REST API reads it. */
export interface NewRestOrder {
  parent_id: number;
  status: "pending";
  set_paid: false;
  currency: string;
  customer_id: number;
  billing: Record<string, unknown>;
  shipping: Record<string, unknown>;
  line_items: {
    product_id: number;
    variation_id?: number;
    quantity: number;
    subtotal: string;
    total: string;
  }[];
  meta_data: { key: string; value: string }[];
}

/** One resource, or null when the shop says it has no such one (404). */
async function orNull<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof WooError && error.kind === "missing") return null;
    throw error;
  }
}

/** The REST calls Aquarium makes, and nothing else (README lists them, with the key's permissions). */
export function wooApi(client: WooClient) {
  return {
    /** `GET /orders/{id}`. */
    order: (id: string) =>
      orNull(client.get(`/orders/${encodeURIComponent(id)}`, RestOrder).then((a) => a.data)),
    /** `GET /orders?parent={id}`: the orders linked to one, oldest first (an order has at most a few). */
    childOrders: async (parentId: string) =>
      (
        await client.get("/orders", z.array(RestOrder), {
          parent: parentId,
          per_page: "100",
          orderby: "id",
          order: "asc",
        })
      ).data,
    /** `POST /orders`. */
    createOrder: (body: NewRestOrder) => client.send("POST", "/orders", body, RestOrder),
    /** `PUT /orders/{id}` (to cancel one that must not be paid). */
    updateOrder: (id: number, body: { status: string }) =>
      client.send("PUT", `/orders/${id}`, body, RestOrder),
    /** `GET /orders/{id}/notes`. */
    notes: async (id: number) => (await client.get(`/orders/${id}/notes`, z.array(RestNote))).data,
    /** `POST /orders/{id}/notes`: a private note, for the seller (never e-mailed to the buyer). */
    addNote: (id: number, note: string) =>
      client.send("POST", `/orders/${id}/notes`, { note, customer_note: false }, RestNote),
    /** `GET /products?sku=…`: the product (or variation) with exactly this SKU, if any. */
    productBySku: async (sku: string) => {
      const { data } = await client.get("/products", z.array(RestProduct), { sku });
      return data.find((product) => product.sku === sku) ?? null;
    },
    /** `GET /products?page=…`: one page of the published catalogue, and how many pages there are. */
    products: async (page: number) => {
      const { data, headers } = await client.get("/products", z.array(RestProduct), {
        page: String(page),
        per_page: "100",
        status: "publish",
        orderby: "id",
        order: "asc",
      });
      const pages = Number(headers["x-wp-totalpages"] ?? 1);
      return { products: data, pages: Number.isFinite(pages) ? pages : 1 };
    },
    /** `GET /data/currencies/current`: the shop's currency. */
    currency: async () => (await client.get("/data/currencies/current", RestCurrency)).data.code,
  };
}
export type WooApi = ReturnType<typeof wooApi>;
