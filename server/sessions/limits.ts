import type { Limits } from "../deps.ts";
import { RateLimiter } from "../rate-limit.ts";

const MINUTE = 60_000;
/** How long a (client, order reference) pair is remembered: longer than any page's retries (3 minutes). */
const REMEMBER_MS = 10 * MINUTE;
const MAX_REMEMBERED = 200_000;

/**
 * Claim limits that make guessing order references hopeless but never refuse a real buyer's page, which
 * claims its one order again and again while the order's webhook is late:
 * - a client may bring `claimsPerIp` *new* order references a minute; coming back with a reference it
 *   brought in the last ten minutes costs nothing of that budget (only `claimsPerRef` a minute for that pair);
 * - a site takes `claimsPerSite` new (client, reference) pairs a minute. Over it, a new pair is refused
 *   once but remembered, so that pair's next retry goes through: a flood of guesses sheds load, and costs a
 *   real buyer one retry interval, never the offer.
 * In memory, per process.
 */
export function claimLimits(limits: Limits) {
  const perIp = new RateLimiter(limits.claimsPerIp, MINUTE);
  const perRef = new RateLimiter(limits.claimsPerRef, MINUTE);
  const perSite = new RateLimiter(limits.claimsPerSite, MINUTE);
  const known = new Map<string, number>();

  function forgetOld(now: number): void {
    for (const [pair, until] of known) if (until <= now) known.delete(pair);
    // Still full of live pairs: the oldest go first (a Map iterates in insertion order).
    for (const pair of known.keys()) {
      if (known.size <= MAX_REMEMBERED / 2) break;
      known.delete(pair);
    }
  }

  return {
    /** Counts one claim of `ref` (a digest of the order reference) on `site` from `client`; throws 429 over a limit. */
    take(client: string, site: string, ref: string, now: number): void {
      const pair = `${client}|${site}|${ref}`;
      perRef.take(pair, now);
      if ((known.get(pair) ?? 0) > now) return;
      perIp.take(client, now);
      if (known.size >= MAX_REMEMBERED) forgetOld(now);
      known.set(pair, now + REMEMBER_MS);
      perSite.take(site, now);
    },
  };
}

/** Decisions: per client. A decision needs its session's 256-bit secret, so anything else is a guess. */
export function decisionLimits(limits: Limits) {
  const perIp = new RateLimiter(limits.decisionsPerIp, MINUTE);
  return { take: (client: string, now: number) => perIp.take(client, now) };
}
