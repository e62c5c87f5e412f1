import { type ImportAnswer, type Product, ProductInput } from "../contract/index.ts";
import { AppError } from "../errors.ts";
import { toMinor } from "../orders/money.ts";
import { validate } from "../parse.ts";
import { wooApi } from "../payments/woocommerce/api.ts";
import { shopCatalogue } from "../payments/woocommerce/catalogue.ts";
import { WooError, wooClient } from "../payments/woocommerce/client.ts";
import { type WooNetwork, wooConnection } from "../payments/woocommerce/connection.ts";
import type { RestProduct } from "../payments/woocommerce/shapes.ts";
import type { Store } from "../store/store.ts";

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
};

/** WooCommerce answers names as HTML ("Ship Your Idea &ndash; Color: Black"): as the seller reads them. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, name: string) => {
      if (name.startsWith("#x") || name.startsWith("#X"))
        return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? entity;
    })
    .trim();
}

/** Product types a buyer cannot be sold as they are: the variation, or the products a group holds, are. */
const NOT_SOLD: Record<string, string> = {
  variable: "a variable product: give its variations their own SKUs and add them by hand",
  grouped: "a grouped product: import the products it groups",
  external: "an external (affiliate) product: the shop does not sell it",
};

/** A shop's product as a catalogue product, or why it is left out. */
function asCatalogueProduct(product: RestProduct, currency: string): ProductInput | { reason: string } {
  const why = product.type ? NOT_SOLD[product.type] : undefined;
  if (why) return { reason: `it is ${why}` };
  if (!product.sku?.trim())
    return { reason: "it has no SKU: give it one in WooCommerce (offers are matched by SKU)" };
  if (!product.price) return { reason: "it has no price" };
  const image = product.images?.[0]?.src;
  const tags = [
    ...new Set(
      (product.categories ?? []).map((category) => plainText(category.name).toLowerCase().slice(0, 50)),
    ),
  ]
    .filter(Boolean)
    .slice(0, 20);
  try {
    return validate(ProductInput, {
      sku: product.sku.trim(),
      name: plainText(product.name).slice(0, 200) || product.sku.trim(),
      price: toMinor(product.price, currency),
      currency,
      imageUrl: image && /^https?:\/\//.test(image) ? image : null,
      tags,
    });
  } catch (error) {
    if (error instanceof AppError) return { reason: error.message };
    throw error;
  }
}

/** The shop could not be read: what the seller should do about it. */
function shopProblem(error: WooError): AppError {
  if (error.kind === "unreachable" || error.kind === "uncertain")
    return new AppError("unavailable", `The shop ${error.message}; try again in a moment.`, {
      retryAfterSeconds: 30,
    });
  if (error.kind === "refused")
    return new AppError(
      "invalid_request",
      "The shop refused the site's WooCommerce REST API key: check the connection.",
    );
  return new AppError("invalid_request", `The shop's products could not be read: it ${error.message}.`);
}

/**
 * Imports the shop's published products into the site's catalogue, matched by SKU: a new SKU is created, a
 * known one updated (name, price in minor units of the shop's currency, image, categories as tags; its
 * description, written for buyers here, is left as it is). Products without a SKU, without a price or that
 * cannot be sold as they are, are skipped, each with the reason.
 */
export async function importProducts(
  store: Store,
  siteId: string,
  network: WooNetwork,
  now: number,
): Promise<ImportAnswer> {
  const connection = await wooConnection(store, siteId);
  if (!connection)
    throw new AppError(
      "invalid_request",
      "This site has no WooCommerce connection yet: set the shop's address and REST API key first.",
    );
  let catalogue: Awaited<ReturnType<typeof shopCatalogue>>;
  try {
    catalogue = await shopCatalogue(wooApi(wooClient(connection, network)));
  } catch (error) {
    if (error instanceof WooError) throw shopProblem(error);
    throw error;
  }
  const known = new Map<string, Product>(
    (await store.products.list(siteId)).map((product) => [product.sku, product]),
  );
  const answer: ImportAnswer = { currency: catalogue.currency, created: [], updated: [], skipped: [] };
  for (const product of catalogue.products) {
    const input = asCatalogueProduct(product, catalogue.currency);
    if ("reason" in input) {
      answer.skipped.push({
        sku: product.sku?.trim() || null,
        name: plainText(product.name),
        reason: input.reason,
      });
      continue;
    }
    const existing = known.get(input.sku);
    const { description: _kept, ...fields } = input;
    if (existing) {
      await store.products.update(siteId, existing.id, fields, now);
      answer.updated.push({ sku: input.sku, name: input.name });
    } else {
      known.set(input.sku, await store.products.create(siteId, input, now));
      answer.created.push({ sku: input.sku, name: input.name });
    }
  }
  return answer;
}
