import type { NewOrder } from "../domain.ts";

const utf8 = new TextDecoder("utf-8");

/** The body as text, to parse: UTF-8, a leading byte-order mark dropped (signatures are over the bytes). */
export const textOf = (raw: Uint8Array): string => utf8.decode(raw);

/**
 * What an order source makes of one authentic delivery: its id, for deduplication, and the order it
 * carries, or null for an event that is authentic but not about a paid order (a ping, a pending order…).
 */
export interface Verified {
  deliveryId: string;
  order: NewOrder | null;
  /** An event about a payment: an accepted offer's (found by its decision or the provider's ids), or a refund. */
  payment?: PaymentEvent;
}

/** What a provider says of a payment: paid, failed, or refunded (by `refunded` in all, in minor units). */
export interface PaymentEvent {
  decisionId: string | null;
  /** The provider's reference Aquarium keeps (a pay link's session id). */
  reference: string | null;
  /** The provider's payment (a PaymentIntent): the one its refunds name. */
  providerPayment: string | null;
  status: "paid" | "failed" | "refunded";
  refunded?: number;
}

/**
 * A delivery as the HTTP layer hands it to a source: the exact bytes that were signed (a byte-order mark
 * and all), and the headers.
 */
export interface Incoming {
  siteId: string;
  raw: Uint8Array;
  headers: Headers;
  secret: string;
  now: number;
}
