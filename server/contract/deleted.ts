import * as z from "zod/mini";
import { OfferConfig, Product } from "./admin.ts";
import { OfferId } from "./ids.ts";

/*
 * Deleting a product or an offer can be undone for 30 days: until then it is kept aside, invisible to buyers
 * and to the lists, and listed here with when it was deleted; then it is gone for good.
 */

/** How long a deleted product or offer can be brought back before it is purged. */
export const RESTORE_DAYS = 30;

export const DeletedProduct = z.extend(Product, { deletedAt: z.string() });
export type DeletedProduct = z.infer<typeof DeletedProduct>;
export const DeletedOffer = z.extend(OfferConfig, { deletedAt: z.string() });
export type DeletedOffer = z.infer<typeof DeletedOffer>;

/** `GET …/products/deleted`: the site's deleted products that can still be restored, last deleted first. */
export const DeletedProductsAnswer = z.object({ products: z.array(DeletedProduct) });
export type DeletedProductsAnswer = z.infer<typeof DeletedProductsAnswer>;
/** `GET …/offers/deleted`: the site's deleted offers that can still be restored, last deleted first. */
export const DeletedOffersAnswer = z.object({ offers: z.array(DeletedOffer) });
export type DeletedOffersAnswer = z.infer<typeof DeletedOffersAnswer>;

/** An offer that leads to another as a funnel step: when it is declined (`downsellId`) or accepted (`nextId`). */
export const FunnelLink = z.object({
  offerId: OfferId,
  name: z.string(),
  step: z.enum(["downsellId", "nextId"]),
});
export type FunnelLink = z.infer<typeof FunnelLink>;

/**
 * 409 to `DELETE …/offers/:id` without `?detach=true`, before anything changed: the offers that lead to this
 * one, beside the error envelope. With `?detach=true` those steps are unlinked (and linked again if the
 * deletion is undone).
 */
export const OfferInUse = z.object({
  error: z.object({ code: z.literal("conflict"), message: z.string() }),
  usedBy: z.array(FunnelLink),
});
export type OfferInUse = z.infer<typeof OfferInUse>;

/** `DELETE …/offers/:id?detach=true`: unlink the funnel steps that lead to the offer, rather than be refused. */
export const DeleteOfferQuery = z.strictObject({
  detach: z.optional(z.enum(["true", "false"])),
});
