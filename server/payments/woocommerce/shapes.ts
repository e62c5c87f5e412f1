import * as z from "zod/mini";

/*
 * The parts of WooCommerce's REST API v3 answers that Aquarium reads (the shapes of its documented examples:
 * "Retrieve an order", "Retrieve a product", "Create an order note"). Every object is loose: what is not read
 * here is kept as it is, and a shop's extra fields never break a read.
 */

const Meta = z.looseObject({ key: z.string(), value: z.unknown() });
const Address = z.record(z.string(), z.unknown());

export const RestOrder = z.looseObject({
  id: z.int().check(z.positive()),
  parent_id: z.optional(z.int()),
  order_key: z.string(),
  status: z.string(),
  currency: z.string(),
  total: z.string(),
  customer_id: z.optional(z.int()),
  billing: z.optional(Address),
  shipping: z.optional(Address),
  meta_data: z.optional(z.array(Meta)),
  /** The order's own payment page (`get_checkout_payment_url()`), in the answers of current WooCommerce versions. */
  payment_url: z.optional(z.string()),
});
export type RestOrder = z.infer<typeof RestOrder>;

export const RestProduct = z.looseObject({
  id: z.int().check(z.positive()),
  parent_id: z.optional(z.int()),
  name: z.string(),
  type: z.optional(z.string()),
  status: z.optional(z.string()),
  sku: z.optional(z.string()),
  price: z.optional(z.string()),
  short_description: z.optional(z.string()),
  purchasable: z.optional(z.boolean()),
  stock_status: z.optional(z.string()),
  /** A variation's may be "parent" (its parent counts the stock). */
  manage_stock: z.optional(z.union([z.boolean(), z.string()])),
  stock_quantity: z.nullish(z.number()),
  backorders_allowed: z.optional(z.boolean()),
  images: z.optional(z.array(z.looseObject({ src: z.string() }))),
  categories: z.optional(z.array(z.looseObject({ name: z.string() }))),
});
export type RestProduct = z.infer<typeof RestProduct>;

export const RestNote = z.looseObject({ id: z.int(), note: z.string() });
export type RestNote = z.infer<typeof RestNote>;

export const RestCurrency = z.looseObject({ code: z.string() });

/** WooCommerce's (and WordPress's) error body: `{ code, message, data: { status } }`. */
export const RestError = z.looseObject({ code: z.string(), message: z.optional(z.string()) });
