import type { NewOrder } from "../domain.ts";

/**
 * What an order source makes of one authentic delivery: its id, for deduplication, and the order it
 * carries, or null for an event that is authentic but not about a paid order (a ping, a pending order…).
 */
export interface Verified {
  deliveryId: string;
  order: NewOrder | null;
}

/** A delivery as the HTTP layer hands it to a source: the exact bytes that were signed, and the headers. */
export interface Incoming {
  siteId: string;
  raw: string;
  headers: Headers;
  secret: string;
  now: number;
}
