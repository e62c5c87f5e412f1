import type { WooApi } from "./api.ts";
import type { RestProduct } from "./shapes.ts";

/** A shop of more than this many pages of a hundred products is read no further (an import is a seller's click). */
const MAX_PAGES = 50;

/** The shop's currency and its published products, every page of them (`GET /data/currencies/current`, `GET /products`). */
export async function shopCatalogue(api: WooApi): Promise<{ currency: string; products: RestProduct[] }> {
  const currency = await api.currency();
  const products: RestProduct[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const read = await api.products(page);
    products.push(...read.products);
    if (page >= read.pages || read.products.length === 0) break;
  }
  return { currency, products };
}
