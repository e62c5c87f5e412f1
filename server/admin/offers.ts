import { type OfferConfig, type OfferInput, type OfferPatch, offerPriceProblem } from "../contract/index.ts";
import { AppError } from "../errors.ts";
import type { Store } from "../store/store.ts";

export const noSuchOffer = () => new AppError("not_found", "No such offer in this site.");

const refuse = (field: string, message: string) =>
  new AppError("invalid_request", `${field}: ${message}`, { fields: { [field]: message } });

/**
 * Every id an offer points at must belong to the same site: products, trigger products and funnel steps; and
 * its discount must leave the buyer something to pay on its product's price.
 */
async function checkOffer(
  store: Store,
  siteId: string,
  offerId: string | null,
  offer: OfferPatch,
  current: OfferConfig | null,
): Promise<void> {
  const missing = (field: string) => refuse(field, "no such id in this site");
  const productId = offer.productId ?? current?.productId;
  const product = productId ? await store.products.get(siteId, productId) : null;
  if (offer.productId && !product) throw missing("productId");
  for (const [index, id] of (offer.trigger?.products ?? []).entries()) {
    if (!(await store.products.get(siteId, id))) throw missing(`trigger.products.${index}`);
  }
  for (const field of ["downsellId", "nextId"] as const) {
    const id = offer[field];
    if (!id) continue;
    if (id === offerId) throw refuse(field, "an offer cannot follow itself");
    if (!(await store.offers.get(siteId, id))) throw missing(field);
  }
  const discount = offer.discount ?? current?.discount;
  if (product && discount && (offer.discount || offer.productId)) {
    const problem = offerPriceProblem(product, discount);
    if (problem) throw refuse("discount.value", problem);
  }
}

export async function createOffer(
  store: Store,
  siteId: string,
  input: OfferInput,
  now: number,
): Promise<OfferConfig> {
  await checkOffer(store, siteId, null, input, null);
  return store.offers.create(siteId, input, now);
}

export async function updateOffer(
  store: Store,
  siteId: string,
  id: string,
  patch: OfferPatch,
  now: number,
): Promise<OfferConfig> {
  const current = await store.offers.get(siteId, id);
  if (!current) throw noSuchOffer();
  await checkOffer(store, siteId, id, patch, current);
  const offer = await store.offers.update(siteId, id, patch, now);
  if (!offer) throw noSuchOffer();
  return offer;
}

const STEP_WORDS = { downsellId: "when declined", nextId: "when accepted" } as const;

/**
 * Deletes an offer, restorable for a while. Offers that lead to it as a funnel step are named in a 409 before
 * anything changes, unless `detach` says to unlink those steps (linked again if the deletion is undone).
 */
export async function removeOffer(
  store: Store,
  siteId: string,
  id: string,
  now: number,
  detach: boolean,
): Promise<void> {
  const removal = await store.offers.remove(siteId, id, now, { detach });
  if (!removal) throw noSuchOffer();
  if (!removal.removed) {
    const uses = removal.usedBy.map((use) => `"${use.name}" (${STEP_WORDS[use.step]})`).join(", ");
    throw new AppError(
      "conflict",
      `Other offers lead to this one: ${uses}. Delete it with ?detach=true to unlink those steps, or change them first.`,
      { details: { usedBy: removal.usedBy } },
    );
  }
}

/**
 * Brings a deleted offer back, with the funnel steps its deletion unlinked. Refused while its product, or a
 * product its trigger names, is deleted: restore that first.
 */
export async function restoreOffer(
  store: Store,
  siteId: string,
  id: string,
  now: number,
): Promise<OfferConfig> {
  const deleted = (await store.offers.deleted(siteId)).find((offer) => offer.id === id);
  if (!deleted)
    throw new AppError("not_found", "No such deleted offer in this site: it may have been purged.");
  for (const productId of [deleted.productId, ...deleted.trigger.products]) {
    if (await store.products.get(siteId, productId)) continue;
    const gone = (await store.products.deleted(siteId)).find((product) => product.id === productId);
    throw new AppError(
      "conflict",
      gone
        ? `This offer needs the product "${gone.name}", which is deleted: restore that product first.`
        : "This offer needs a product that no longer exists.",
    );
  }
  const offer = await store.offers.restore(siteId, id, now);
  if (!offer) throw new AppError("not_found", "No such deleted offer in this site: it may have been purged.");
  return offer;
}
