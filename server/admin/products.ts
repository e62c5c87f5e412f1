import { AppError } from "../errors.ts";
import type { Store } from "../store/store.ts";

export const noSuchProduct = () => new AppError("not_found", "No such product in this site.");

/**
 * Removes a product no offer needs: one an offer offers is guarded by the database (409 from the store),
 * one an offer's trigger names is guarded here, saying which offer.
 */
export async function removeProduct(store: Store, siteId: string, id: string): Promise<void> {
  const triggering = (await store.offers.list(siteId)).find((offer) => offer.trigger.products.includes(id));
  if (triggering) {
    throw new AppError("conflict", `The offer "${triggering.name}" is triggered by this product.`);
  }
  if (!(await store.products.remove(siteId, id))) throw noSuchProduct();
}
