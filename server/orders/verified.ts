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
