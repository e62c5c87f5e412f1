import * as z from "zod/mini";
import { Currency, Minor } from "./money.ts";

const Text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

/** Where Aquarium learnt of an order. `orders` is the generic, Standard Webhooks-signed order webhook. */
export const OrderSource = z.enum(["woocommerce", "stripe", "orders", "token"]);
export type OrderSource = z.infer<typeof OrderSource>;

/** Only `paid` orders get offers; a refund or a cancellation ends them. */
export const OrderStatus = z.enum(["paid", "refunded", "cancelled"]);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const OrderLine = z.strictObject({
  /** The platform's product id (or the SKU when that is all there is). */
  product: Text(200),
  sku: z.optional(Text(200)),
  name: z.optional(Text(500)),
  quantity: z.int().check(z.positive(), z.maximum(100_000)),
  unitPrice: Minor,
});
export type OrderLine = z.infer<typeof OrderLine>;

/**
 * The body of the generic order webhook (`POST /v1/hooks/orders/:site`), for any platform.
 * `ref` is the unguessable reference the platform puts on its thank-you page (never the bare order id).
 */
export const OrderPayload = z.strictObject({
  id: Text(200),
  ref: z.string().check(z.minLength(16), z.maxLength(200)),
  status: OrderStatus,
  currency: Currency,
  total: Minor,
  lines: z.array(OrderLine).check(z.maxLength(500)),
  email: z.optional(z.email()),
  paidAt: z.iso.datetime({ offset: true }),
  /** When the platform last changed the order, so a late older delivery cannot undo a newer one; paidAt if absent. */
  updatedAt: z.optional(z.iso.datetime({ offset: true })),
});
export type OrderPayload = z.infer<typeof OrderPayload>;

/**
 * The claims of a signed order token (JWT HS256 with the site's token secret) that a seller who renders
 * the thank-you page can put on the script tag instead of a webhook. Standard claims are checked by the verifier.
 */
export const OrderTokenClaims = z.object({
  iss: Text(100),
  sub: Text(200),
  iat: z.int(),
  exp: z.int(),
  currency: Currency,
  total: Minor,
  lines: z.array(OrderLine).check(z.maxLength(500)),
  email: z.optional(z.email()),
});
export type OrderTokenClaims = z.infer<typeof OrderTokenClaims>;
