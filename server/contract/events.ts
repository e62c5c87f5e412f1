import * as z from "zod/mini";
import { Decision } from "./answers.ts";
import { OfferId, ProductId, SiteId } from "./ids.ts";
import { Currency, Minor } from "./money.ts";
import { OrderSource } from "./order.ts";

/*
 * The seller's events: the bodies Aquarium posts to a site's webhook URL, signed per Standard Webhooks
 * (`webhook-id` is stable across retries: deduplicate on it). Each carries what a seller needs to act on it
 * without a lookup. `version` changes only when a field changes meaning or goes away.
 */

export const EVENT_VERSION = 1;

/** The order the offer was made for, as the seller's platform knows it. */
const EventOrder = z.object({
  source: OrderSource,
  /** The platform's own id: WooCommerce order id, Stripe Checkout session id, the generic order's id. */
  id: z.string(),
  total: Minor,
  currency: Currency,
});

/** The offer exactly as the buyer was shown it. */
const EventOffer = z.object({
  id: OfferId,
  title: z.string(),
  step: z.int(),
  regularPrice: Minor,
  price: Minor,
  currency: Currency,
  product: z.object({
    id: ProductId,
    /** Null only when the product was deleted since (a decline may outlive it). */
    sku: z.nullable(z.string()),
    name: z.string(),
  }),
});

const decided = <T extends string>(type: T) =>
  z.object({
    type: z.literal(type),
    version: z.literal(EVENT_VERSION),
    timestamp: z.string(),
    /**
     * Present, and true, only for the admin's "Send a test order": nothing was charged and the order does not
     * exist on the shop's platform. Never fulfil a test event; use it to check that your endpoint works.
     */
    test: z.optional(z.literal(true)),
    data: z.object({ site: SiteId, order: EventOrder, offer: EventOffer, decision: Decision }),
  });

/**
 * The buyer accepted: `decision.payment` says whether it is paid, pending (the seller bills, or the buyer is
 * still to confirm with their bank or pay at a link) or failed.
 */
export const OfferAccepted = decided("offer.accepted");
export const OfferDeclined = decided("offer.declined");
/** An accepted offer's payment arrived after the decision (the bank confirmed, the pay link was paid). */
export const OfferPaid = decided("offer.paid");
/** An accepted offer's payment failed after the decision (the bank refused, the pay link expired). */
export const OfferPaymentFailed = decided("offer.payment_failed");
/** An accepted offer's payment was refunded, fully or in part: `decision.payment.refunded` in all. */
export const OfferRefunded = decided("offer.refunded");

export const SellerEvent = z.discriminatedUnion("type", [
  OfferAccepted,
  OfferDeclined,
  OfferPaid,
  OfferPaymentFailed,
  OfferRefunded,
]);
export type SellerEventType = SellerEvent["type"];
export type SellerEvent = z.infer<typeof SellerEvent>;
