import type { SiteConfig } from "../domain.ts";
import type { OfferStore, ProductStore, SiteStore } from "./store.ts";

/**
 * A site's configuration changes rarely and is read on every claim and decision: it is kept for a couple
 * of seconds. A change made through this process is seen at once (the entry is dropped); one made through
 * another instance, within the TTL.
 */
export function cachedConfig(
  stores: { sites: SiteStore; products: ProductStore; offers: OfferStore },
  ttlMs = 2000,
) {
  const entries = new Map<string, { until: number; value: Promise<SiteConfig | null> }>();
  const forget = (siteId: string) => entries.delete(siteId);
  const after =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await write(...args);
      } finally {
        forget(args[0] as string);
      }
    };

  return {
    config(siteId: string): Promise<SiteConfig | null> {
      const now = Date.now();
      const cached = entries.get(siteId);
      if (cached && cached.until > now) return cached.value;
      const value = Promise.all([
        stores.sites.get(siteId),
        stores.products.list(siteId),
        stores.offers.list(siteId),
      ]).then(([site, products, offers]) => (site ? { site, products, offers } : null));
      entries.set(siteId, { until: now + ttlMs, value });
      value.catch(() => forget(siteId));
      if (entries.size > 10_000) entries.clear();
      return value;
    },
    sites: {
      ...stores.sites,
      update: after(stores.sites.update),
      remove: after(stores.sites.remove),
      // The configuration says which secrets are set.
      setSecret: after(stores.sites.setSecret),
    },
    products: {
      ...stores.products,
      create: after(stores.products.create),
      update: after(stores.products.update),
      remove: after(stores.products.remove),
      restore: after(stores.products.restore),
    },
    offers: {
      ...stores.offers,
      create: after(stores.offers.create),
      update: after(stores.offers.update),
      remove: after(stores.offers.remove),
      restore: after(stores.offers.restore),
    },
  };
}
