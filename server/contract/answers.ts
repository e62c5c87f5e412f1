import * as z from "zod/mini";
import { Discount } from "./discount.ts";
import { OfferId, ProductId, SessionId } from "./ids.ts";
import { Currency, Minor } from "./money.ts";
import { PaymentProvider, PaymentStatus } from "./payment.ts";

/* The server's answers to the widget: what the widget validates before it shows anything. */

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
    expiresAt: z.string(),
  }),
  offer: z.nullable(Offer),
});
export type SessionResponse = z.infer<typeof SessionResponse>;

export const Decision = z.object({
  id: z.string(),
  offer: OfferId,
  action: z.enum(["accept", "decline"]),
  status: z.enum(["accepted", "declined"]),
  quantity: z.int(),
  amount: Minor,
  currency: Currency,
  payment: z.optional(
    z.object({
      provider: PaymentProvider,
      status: PaymentStatus,
      /** Where the buyer finishes the payment: their bank's confirmation, or a pay link. */
      actionUrl: z.optional(z.string()),
      /** The pay link as a QR code (SVG), to pay on a phone. */
      qrSvg: z.optional(z.string()),
      /** How much of it was refunded, in minor units. */
      refunded: z.optional(Minor),
    }),
  ),
});
export type Decision = z.infer<typeof Decision>;

export const DecisionResponse = z.object({ decision: Decision, next: z.nullable(Offer) });
export type DecisionResponse = z.infer<typeof DecisionResponse>;
