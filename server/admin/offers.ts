import type { OfferConfig, OfferInput, OfferPatch } from "../contract/index.ts";
import { AppError } from "../errors.ts";
import type { Store } from "../store/store.ts";

export const noSuchOffer = () => new AppError("not_found", "No such offer in this site.");

/** Every id an offer points at must belong to the same site: products, trigger products and funnel steps. */
async function checkReferences(
  store: Store,
  siteId: string,
  offerId: string | null,
  offer: OfferPatch,
): Promise<void> {
  const refuse = (field: string, message: string) =>
    new AppError("invalid_request", `${field}: ${message}`, { fields: { [field]: message } });
  const missing = (field: string) => refuse(field, "no such id in this site");
  if (offer.productId && !(await store.products.get(siteId, offer.productId))) throw missing("productId");
  for (const [index, id] of (offer.trigger?.products ?? []).entries()) {
    if (!(await store.products.get(siteId, id))) throw missing(`trigger.products.${index}`);
  }
  for (const field of ["downsellId", "nextId"] as const) {
    const id = offer[field];
    if (!id) continue;
    if (id === offerId) throw refuse(field, "an offer cannot follow itself");
    if (!(await store.offers.get(siteId, id))) throw missing(field);
  }
}

export async function createOffer(
  store: Store,
  siteId: string,
  input: OfferInput,
  now: number,
): Promise<OfferConfig> {
  await checkReferences(store, siteId, null, input);
  return store.offers.create(siteId, input, now);
}

export async function updateOffer(
  store: Store,
  siteId: string,
  id: string,
  patch: OfferPatch,
  now: number,
): Promise<OfferConfig> {
  if (!(await store.offers.get(siteId, id))) throw noSuchOffer();
  await checkReferences(store, siteId, id, patch);
  const offer = await store.offers.update(siteId, id, patch, now);
  if (!offer) throw noSuchOffer();
  return offer;
}
