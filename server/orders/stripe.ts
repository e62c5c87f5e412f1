import * as z from "zod/mini";
import { OrderLine } from "../contract/index.ts";
import { emailHash, hmacSha256, safeEqual } from "../crypto.ts";
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
  payment_status: z.string(),
  amount_subtotal: z.nullish(z.int()),
  amount_total: z.nullish(z.int()),
  currency: z.nullish(z.string()),
  payment_link: z.nullish(z.string()),
  customer_details: z.nullish(z.looseObject({ email: z.nullish(z.string()) })),
  customer_email: z.nullish(z.string()),
  metadata: z.nullish(z.record(z.string(), z.string())),
});

/** Events that mean "this checkout is now paid". Delayed methods complete first and succeed later. */
const PAID_EVENTS = new Set(["checkout.session.completed", "checkout.session.async_payment_succeeded"]);

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

/** Verifies `Stripe-Signature` (hex HMAC-SHA256 of `t.body` with the `whsec_…` string) and maps a paid checkout. */
export function verifyStripe({ siteId, raw, headers, secret, now }: Incoming): Verified {
  verifySignature(headers.get("stripe-signature") ?? "", raw, secret, now);
  const event = validate(StripeEvent, parseJson(textOf(raw)));
  if (!PAID_EVENTS.has(event.type)) return { deliveryId: event.id, order: null };

  const session = validate(CheckoutSession, event.data.object);
  if (session.payment_status !== "paid") return { deliveryId: event.id, order: null };
  if (session.amount_total == null || !session.currency) {
    throw new AppError("invalid_request", "A paid checkout session must have amount_total and currency.");
  }
  const at = event.created * 1000;
  return {
    deliveryId: event.id,
    order: {
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
    },
  };
}
