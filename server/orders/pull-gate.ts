const MISS_MS = 30_000;
const PULLS_PER_MINUTE = 60;

/**
 * How often a claim may make the server read an order from the seller's platform: a reference that was just
 * found missing (or unpaid) is not asked for again for half a minute, and a site's pulls are limited per
 * minute, so that claims for made-up orders cannot make the server hammer a shop (nor spend its API limits).
 */
export function pullGate({ missMs = MISS_MS, perMinute = PULLS_PER_MINUTE } = {}) {
  const misses = new Map<string, number>();
  const pulls = new Map<string, { count: number; until: number }>();
  return {
    /** May this reference be read now? Counts the read against the site's budget when it may. */
    allow(siteId: string, reference: string, now: number): boolean {
      if ((misses.get(`${siteId}|${reference}`) ?? 0) > now) return false;
      const budget = pulls.get(siteId);
      if (budget && budget.until > now && budget.count >= perMinute) return false;
      pulls.set(
        siteId,
        budget && budget.until > now
          ? { ...budget, count: budget.count + 1 }
          : { count: 1, until: now + 60_000 },
      );
      return true;
    },
    /** The reference is not (yet) a paid order: remember it briefly. */
    miss(siteId: string, reference: string, now: number): void {
      if (misses.size > 10_000) misses.clear();
      misses.set(`${siteId}|${reference}`, now + missMs);
    },
  };
}
