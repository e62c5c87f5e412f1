import * as z from "zod/mini";
import { OfferId, SessionSecret, SiteId } from "./ids.ts";

/** How the thank-you page names its order, per source. Each is a credential in itself, never a bare id. */
export const OrderReference = z.discriminatedUnion("source", [
  z.strictObject({ source: z.literal("token"), token: z.string().check(z.minLength(1), z.maxLength(8192)) }),
  z.strictObject({
    source: z.literal("woocommerce"),
    id: z.string().check(z.regex(/^\d{1,20}$/, "must be the WooCommerce order id (digits)")),
    key: z
      .string()
      .check(z.regex(/^wc_order_[A-Za-z0-9]{1,64}$/, "must be the WooCommerce order key, wc_order_…")),
  }),
  z.strictObject({
    source: z.literal("stripe"),
    checkoutSession: z
      .string()
      .check(z.regex(/^cs_[A-Za-z0-9_]{10,250}$/, "must be a Stripe Checkout session id, cs_…")),
  }),
  z.strictObject({ source: z.literal("ref"), ref: z.string().check(z.minLength(16), z.maxLength(200)) }),
]);
export type OrderReference = z.infer<typeof OrderReference>;

export const SessionRequest = z.strictObject({
  site: SiteId,
  order: OrderReference,
  /**
   * The browser's own secret (256 random bits, base64url), made and stored before the first claim: the first
   * claim binds its hash to the order's session, and only the same secret resumes it.
   */
  secret: SessionSecret,
});
export type SessionRequest = z.infer<typeof SessionRequest>;

export const DecisionRequest = z.strictObject({
  offer: OfferId,
  action: z.enum(["accept", "decline"]),
  quantity: z.optional(z.int().check(z.minimum(1), z.maximum(100))),
  /**
   * The thank-you page the buyer is on, to come back to after confirming a payment with their bank or
   * paying at a link; it must be on one of the site's origins.
   */
  returnTo: z.optional(z.url({ protocol: /^https?$/ }).check(z.maxLength(2000))),
});
export type DecisionRequest = z.infer<typeof DecisionRequest>;
