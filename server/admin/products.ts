import { offerPriceProblem, type Product, type ProductPatch } from "../contract/index.ts";
import { AppError } from "../errors.ts";
import type { Store } from "../store/store.ts";

export const noSuchProduct = () => new AppError("not_found", "No such product in this site.");

const quoted = (names: string[]) => names.map((name) => `"${name}"`).join(", ");

/**
 * A change to a product. A new price must leave something to pay under every offer of it: the offer's discount
 * was set against the old one, and a fixed amount off could now give the product away.
 */
export async function updateProduct(
  store: Store,
  siteId: string,
  id: string,
  patch: ProductPatch,
  now: number,
): Promise<Product> {
  const product = await store.products.get(siteId, id);
  if (!product) throw noSuchProduct();
  if (patch.price !== undefined) {
    const priced = { price: patch.price, currency: patch.currency ?? product.currency };
    const offers = (await store.offers.list(siteId)).filter((offer) => offer.productId === id);
    const givenAway = offers.filter((offer) => offerPriceProblem(priced, offer.discount) !== null);
    if (givenAway.length > 0) {
      const message = `is too low for the discount of ${quoted(givenAway.map((offer) => offer.name))}: the buyer would pay nothing; lower that discount first`;
      throw new AppError("invalid_request", `price: ${message}.`, { fields: { price: message } });
    }
  }
  const updated = await store.products.update(siteId, id, patch, now);
  if (!updated) throw noSuchProduct();
  return updated;
}

/**
 * Deletes a product no offer needs, restorable for a while: one that an offer offers or whose trigger names it
 * is refused (409), naming those offers, before anything changes.
 */
export async function removeProduct(store: Store, siteId: string, id: string, now: number): Promise<void> {
  if (!(await store.products.get(siteId, id))) throw noSuchProduct();
  const offers = await store.offers.list(siteId);
  const offering = offers.filter((offer) => offer.productId === id).map((offer) => offer.name);
  const triggered = offers.filter((offer) => offer.trigger.products.includes(id)).map((offer) => offer.name);
  const those = (names: string[]) => (names.length > 1 ? "those offers" : "that offer");
  if (offering.length > 0) {
    throw new AppError(
      "conflict",
      `This product is offered by ${quoted(offering)}: change or delete ${those(offering)} first.`,
    );
  }
  if (triggered.length > 0) {
    throw new AppError(
      "conflict",
      `This product is in the trigger of ${quoted(triggered)}: take it out of ${those(triggered)} first.`,
    );
  }
  if (!(await store.products.remove(siteId, id, now))) throw noSuchProduct();
}

/** Brings a deleted product back, as it was. */
export async function restoreProduct(
  store: Store,
  siteId: string,
  id: string,
  now: number,
): Promise<Product> {
  const product = await store.products.restore(siteId, id, now);
  if (!product)
    throw new AppError("not_found", "No such deleted product in this site: it may have been purged.");
  return product;
}
