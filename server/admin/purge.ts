import { RESTORE_DAYS } from "../contract/index.ts";
import type { Store } from "../store/store.ts";

const DAY = 24 * 60 * 60_000;

/**
 * Purges, for good, the products and offers deleted more than RESTORE_DAYS ago: offers first, so that the
 * products only they still offered go in the same pass. Returns how many rows went.
 */
export async function purgeDeleted(store: Store, now: number): Promise<number> {
  const before = now - RESTORE_DAYS * DAY;
  const offers = await store.offers.purge(before);
  return offers + (await store.products.purge(before));
}
