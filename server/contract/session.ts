import * as z from "zod/mini";
import { Discount, OfferId, ProductId, SiteId } from "./admin.ts";
import { Currency, Minor } from "./money.ts";

/** How the thank-you page names its order, per source. Each is a credential in itself, never a bare id. */
export const OrderReference = z.discriminatedUnion("source", [
  z.strictObject({ source: z.literal("token"), token: z.string().check(z.minLength(1), z.maxLength(8192)) }),
  z.strictObject({
    source: z.literal("woocommerce"),
    id: z.string().check(z.regex(/^\d{1,20}$/, "the WooCommerce order id")),
    key: z.string().check(z.regex(/^wc_order_[A-Za-z0-9]{1,64}$/, "the WooCommerce order key, wc_order_…")),
  }),
  z.strictObject({
    source: z.literal("stripe"),
    checkoutSession: z
      .string()
      .check(z.regex(/^cs_[A-Za-z0-9_]{10,250}$/, "a Stripe Checkout session id, cs_…")),
  }),
  z.strictObject({ source: z.literal("ref"), ref: z.string().check(z.minLength(16), z.maxLength(200)) }),
]);
export type OrderReference = z.infer<typeof OrderReference>;

/** A session's secret: 256 random bits, base64url. */
export const SessionSecret = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, "a session secret"));
export const SessionId = z.string().check(z.regex(/^sess_[A-Za-z0-9_-]{8,64}$/, "a sess_… id"));

export const SessionRequest = z.strictObject({
  site: SiteId,
  order: OrderReference,
  /** The secret this browser was given when it first claimed the order: resumes the session. */
  secret: z.optional(SessionSecret),
});
export type SessionRequest = z.infer<typeof SessionRequest>;

/** An offer as the buyer sees it, priced by the server. */
export const Offer = z.object({
  id: OfferId,
  title: z.string(),
  description: z.string(),
  image: z.nullable(z.string()),
  product: ProductId,
  regularPrice: Minor,
  price: Minor,
  currency: Currency,
  discount: Discount,
  quantityMax: z.int().check(z.minimum(1)),
  expiresAt: z.string(),
  /** 1 for the first offer of the order, 2 and 3 for the steps of its funnel. */
  step: z.int().check(z.minimum(1), z.maximum(3)),
});
export type Offer = z.infer<typeof Offer>;

export const SessionResponse = z.object({
  session: z.object({
    id: SessionId,
    /** Only in the answer that created the session: keep it, it is the only way back in. */
    secret: z.optional(SessionSecret),
    expiresAt: z.string(),
  }),
  offer: z.nullable(Offer),
});
export type SessionResponse = z.infer<typeof SessionResponse>;

export const DecisionRequest = z.strictObject({
  offer: OfferId,
  action: z.enum(["accept", "decline"]),
  quantity: z.optional(z.int().check(z.minimum(1), z.maximum(100))),
});
export type DecisionRequest = z.infer<typeof DecisionRequest>;

/** paid: settled at once; pending: the seller bills; requires_action: the buyer must finish at `actionUrl`. */
export const PaymentStatus = z.enum(["paid", "pending", "requires_action", "failed"]);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

export const Decision = z.object({
  id: z.string(),
  offer: OfferId,
  action: z.enum(["accept", "decline"]),
  status: z.enum(["accepted", "declined"]),
  quantity: z.int(),
  amount: Minor,
  currency: Currency,
  payment: z.optional(
    z.object({ provider: z.string(), status: PaymentStatus, actionUrl: z.optional(z.string()) }),
  ),
});
export type Decision = z.infer<typeof Decision>;

export const DecisionResponse = z.object({ decision: Decision, next: z.nullable(Offer) });
export type DecisionResponse = z.infer<typeof DecisionResponse>;
