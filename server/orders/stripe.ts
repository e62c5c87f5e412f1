import * as z from "zod/mini";
import { OrderLine } from "../contract/index.ts";
import { emailHash, hmacSha256, safeEqual } from "../crypto.ts";
import type { NewOrder } from "../domain.ts";
import { AppError } from "../errors.ts";
import { parseJson, validate } from "../parse.ts";
import { type Incoming, textOf, type Verified } from "./verified.ts";

/** Stripe's own default: a signature older than five minutes is a replay. */
export const STRIPE_TOLERANCE_SECONDS = 300;

const StripeEvent = z.looseObject({
  id: z.string().check(z.minLength(1)),
  type: z.string(),
  created: z.int(),
  data: z.looseObject({ object: z.looseObject({}) }),
});

const CheckoutSession = z.looseObject({
  id: z.string().check(z.regex(/^cs_[A-Za-z0-9_]+$/)),
  customer: z.nullish(z.unknown()),
  payment_intent: z.nullish(z.unknown()),
  payment_status: z.string(),
  amount_subtotal: z.nullish(z.int()),
  amount_total: z.nullish(z.int()),
  currency: z.nullish(z.string()),
  payment_link: z.nullish(z.string()),
  customer_details: z.nullish(z.looseObject({ email: z.nullish(z.string()) })),
  customer_email: z.nullish(z.string()),
  metadata: z.nullish(z.record(z.string(), z.string())),
});

function verifySignature(header: string, raw: Uint8Array, secret: string, now: number): void {
  const parts = header.split(",").map((part) => part.trim().split("="));
  const timestamp = parts.find(([key]) => key === "t")?.[1];
  const signatures = parts.filter(([key]) => key === "v1").map(([, value]) => value ?? "");
  if (!timestamp || !/^\d+$/.test(timestamp) || signatures.length === 0) {
    throw new AppError("invalid_signature", "The Stripe-Signature header is missing or malformed.");
  }
  const expected = hmacSha256(secret, [`${timestamp}.`, raw], "hex");
  // Every candidate is compared, so the time taken does not depend on which one matched.
  const matched = signatures.map((candidate) => safeEqual(candidate, expected)).includes(true);
  if (!matched)
    throw new AppError("invalid_signature", "The Stripe-Signature does not match this body and secret.");
  if (Math.abs(Math.floor(now / 1000) - Number(timestamp)) > STRIPE_TOLERANCE_SECONDS) {
    throw new AppError(
      "invalid_signature",
      "The Stripe-Signature timestamp is outside the 5-minute tolerance.",
    );
  }
}

/**
 * Stripe's events carry no line items. A Payment Link's id stands for its product (give the catalogue product
 * that SKU), and Checkout integrations may list SKUs in `metadata.aquarium_products` ("sku[:quantity],…").
 */
function linesOf(session: z.infer<typeof CheckoutSession>): OrderLine[] {
  const lines: OrderLine[] = [];
  if (session.payment_link) {
    lines.push({
      product: session.payment_link,
      quantity: 1,
      unitPrice: session.amount_subtotal ?? session.amount_total ?? 0,
    });
  }
  for (const item of (session.metadata?.aquarium_products ?? "").split(",")) {
    const [sku = "", quantity = "1"] = item.split(":").map((part) => part.trim());
    if (sku)
      lines.push({
        product: sku,
        sku,
        quantity: Math.max(1, Number.parseInt(quantity, 10) || 1),
        unitPrice: 0,
      });
  }
  return validate(z.array(OrderLine).check(z.maxLength(100)), lines);
}

/**
 * A paid Checkout Session as an order: its total and currency, its lines (see `linesOf`), its buyer's email
 * hash, and what it takes to charge the buyer again (the customer; the saved method is learnt with the API).
 */
export function orderFromSession(siteId: string, object: unknown, at: number): NewOrder {
  const session = validate(CheckoutSession, object);
  if (session.amount_total == null || !session.currency) {
    throw new AppError("invalid_request", "A paid checkout session must have amount_total and currency.");
  }
  return {
    siteId,
    source: "stripe",
    externalId: session.id,
    keyHash: null,
    lines: linesOf(session),
    total: session.amount_total,
    currency: session.currency.toUpperCase(),
    emailHash: emailHash(session.customer_details?.email ?? session.customer_email),
    status: "paid",
    paidAt: at,
    sourceUpdatedAt: at,
    paymentCustomer: idOf(session.customer),
    paymentMethod: null,
    paymentReference: idOf(session.payment_intent),
  };
}

/** A field Stripe gives as an id, or as the object itself when expanded. */
const idOf = (value: unknown): string | null =>
  typeof value === "string"
    ? value
    : typeof value === "object" && value && "id" in value
      ? String(value.id)
      : null;

/** The decision an object of ours names in its metadata (Aquarium's own pay links and PaymentIntents). */
const decisionOf = (object: { metadata?: Record<string, string> | null }) =>
  object.metadata?.aquarium_decision ?? null;

/**
 * What one Stripe event means here:
 * - a Checkout Session paid (at once, or later for delayed methods): a front-end order, unless it is one of
 *   Aquarium's own pay links (its metadata names the decision), then that payment is paid;
 * - Aquarium's pay link expired or its delayed payment failed, Aquarium's PaymentIntent succeeded or failed:
 *   that payment moves on;
 * - a charge refunded: the payment it belongs to is refunded (by as much as was refunded in all); and if it is
 *   an order's own payment, the order is refunded (which ends its offers).
 * Anything else is authentic and ignored.
 */
function meaning(siteId: string, event: z.infer<typeof StripeEvent>): Pick<Verified, "order" | "payment"> {
  const object = event.data.object as Record<string, unknown> & { metadata?: Record<string, string> | null };
  const at = event.created * 1000;
  const ours = decisionOf(object);
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded": {
      const session = validate(CheckoutSession, object);
      if (session.payment_status !== "paid") return { order: null };
      if (ours) {
        const payment = {
          decisionId: ours,
          reference: session.id,
          providerPayment: idOf(session.payment_intent),
        };
        return { order: null, payment: { ...payment, status: "paid" } };
      }
      return { order: orderFromSession(siteId, object, at) };
    }
    case "checkout.session.expired":
    case "checkout.session.async_payment_failed":
      return ours
        ? {
            order: null,
            payment: {
              decisionId: ours,
              reference: String(object.id),
              providerPayment: null,
              status: "failed",
            },
          }
        : { order: null };
    case "payment_intent.succeeded":
    case "payment_intent.payment_failed":
      return ours
        ? {
            order: null,
            payment: {
              decisionId: ours,
              reference: null,
              providerPayment: String(object.id),
              status: event.type === "payment_intent.succeeded" ? "paid" : "failed",
            },
          }
        : { order: null };
    case "charge.refunded": {
      const charge = validate(RefundedCharge, object);
      if (!charge.payment_intent) return { order: null };
      return {
        order: null,
        payment: {
          decisionId: null,
          reference: null,
          providerPayment: charge.payment_intent,
          status: "refunded",
          refunded: charge.amount_refunded,
        },
      };
    }
    default:
      return { order: null };
  }
}

const RefundedCharge = z.looseObject({
  id: z.string(),
  amount_refunded: z.int().check(z.nonnegative()),
  payment_intent: z.nullish(z.string()),
});

/** Verifies `Stripe-Signature` (hex HMAC-SHA256 of `t.body` with the `whsec_…` string) and reads the event. */
export function verifyStripe({ siteId, raw, headers, secret, now }: Incoming): Verified {
  verifySignature(headers.get("stripe-signature") ?? "", raw, secret, now);
  const event = validate(StripeEvent, parseJson(textOf(raw)));
  return { deliveryId: event.id, ...meaning(siteId, event) };
}
