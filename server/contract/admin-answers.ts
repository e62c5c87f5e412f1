import * as z from "zod/mini";
import { OfferConfig, Product, SecretKind, Site } from "./admin.ts";

/* What the admin API answers, one schema per answer: the admin app parses each with these. */

/** Who is logged in: the operator ("*") or the owner of one site (its id). */
export const MeAnswer = z.object({ scope: z.string() });
export type MeAnswer = z.infer<typeof MeAnswer>;

export const SitesAnswer = z.object({ sites: z.array(Site) });
export type SitesAnswer = z.infer<typeof SitesAnswer>;
export const SiteAnswer = z.object({ site: Site });
export type SiteAnswer = z.infer<typeof SiteAnswer>;

/** A new site, and its secrets: shown in this answer only, never again. */
export const CreatedSiteAnswer = z.object({ site: Site, secrets: z.record(z.string(), z.string()) });
export type CreatedSiteAnswer = z.infer<typeof CreatedSiteAnswer>;

/** A secret Aquarium made anew: the value is in this answer only. */
export const RotatedSecretAnswer = z.object({ kind: SecretKind, secret: z.string() });
export type RotatedSecretAnswer = z.infer<typeof RotatedSecretAnswer>;
/** A secret the seller brought (Stripe's endpoint secret): never answered back. */
export const SetSecretAnswer = z.object({ kind: SecretKind, set: z.literal(true) });
export type SetSecretAnswer = z.infer<typeof SetSecretAnswer>;

export const ProductsAnswer = z.object({ products: z.array(Product) });
export type ProductsAnswer = z.infer<typeof ProductsAnswer>;
export const ProductAnswer = z.object({ product: Product });
export type ProductAnswer = z.infer<typeof ProductAnswer>;

/** One product of the shop as an import saw it: its SKU (when it has one) and name. */
const ImportedProduct = z.object({ sku: z.string(), name: z.string() });

/**
 * `POST /admin/api/sites/:site/products/import`: what reading the shop's published products (WooCommerce REST
 * API) did to the catalogue, matched by SKU: products created, products updated (name, price, currency, image,
 * tags), and products left out, each with the reason (no SKU, no price, a variable product…).
 */
export const ImportAnswer = z.object({
  /** The shop's currency, which every imported price is in. */
  currency: z.string(),
  created: z.array(ImportedProduct),
  updated: z.array(ImportedProduct),
  skipped: z.array(z.object({ sku: z.nullable(z.string()), name: z.string(), reason: z.string() })),
});
export type ImportAnswer = z.infer<typeof ImportAnswer>;

export const OffersAnswer = z.object({ offers: z.array(OfferConfig) });
export type OffersAnswer = z.infer<typeof OffersAnswer>;
export const OfferAnswer = z.object({ offer: OfferConfig });
export type OfferAnswer = z.infer<typeof OfferAnswer>;

/** The snippet to paste into the thank-you page (with Subresource Integrity), and the site's webhook URLs. */
export const SnippetAnswer = z.object({
  snippet: z.string(),
  src: z.string(),
  integrity: z.string(),
  webhooks: z.object({ woocommerce: z.string(), stripe: z.string(), orders: z.string() }),
});
export type SnippetAnswer = z.infer<typeof SnippetAnswer>;

/** One outbound event in the seller's delivery log. Times are ISO 8601. */
export const Delivery = z.object({
  id: z.string(),
  type: z.string(),
  status: z.enum(["pending", "delivered", "dead"]),
  attempts: z.int(),
  /** The HTTP status of the last attempt, if the endpoint answered at all. */
  lastStatus: z.nullable(z.int()),
  lastError: z.nullable(z.string()),
  createdAt: z.string(),
  nextAttemptAt: z.nullable(z.string()),
  deliveredAt: z.nullable(z.string()),
  deadAt: z.nullable(z.string()),
  /** An event of a test order ("Send a test order"): its body says `"test": true`. */
  test: z.boolean(),
});
export type Delivery = z.infer<typeof Delivery>;
export const DeliveriesAnswer = z.object({ deliveries: z.array(Delivery) });
export type DeliveriesAnswer = z.infer<typeof DeliveriesAnswer>;
export const DeliveryAnswer = z.object({ delivery: Delivery });
export type DeliveryAnswer = z.infer<typeof DeliveryAnswer>;
