import type { Limits } from "../deps.ts";
import { type Counters, rateLimit, rateLimited } from "../rate-limit.ts";

const MINUTE = 60_000;
/** How long a (client, order reference) pair is remembered: longer than any page's retries (3 minutes). */
const REMEMBER_MS = 10 * MINUTE;

/**
 * Claim limits that make guessing order references hopeless but never refuse a real buyer's page, which
 * claims its one order again and again while the order's webhook is late:
 * - a client may bring `claimsPerIp` *new* order references a minute; coming back with a reference it
 *   brought in the last ten minutes costs nothing of that budget (only `claimsPerRef` a minute for that pair);
 * - a site takes `claimsPerSite` new (client, reference) pairs a minute. Over it, a new pair is refused
 *   once but remembered, so that pair's next retry goes through: a flood of guesses sheds load, and costs a
 *   real buyer one retry interval, never the offer.
 * The tallies live in `counters`: in memory, or shared by every instance on one PostgreSQL.
 */
export function claimLimits(limits: Limits, counters: Counters) {
  return {
    /** Counts one claim of `ref` (a digest of the order reference) on `site` from `client`; throws 429 over a limit. */
    async take(client: string, site: string, ref: string, now: number): Promise<void> {
      const pair = `claim-pair:${client}|${site}|${ref}`;
      const [hammer, seen] = await counters.add(
        [
          { key: `claim-ref:${client}|${site}|${ref}`, windowMs: MINUTE, by: 1 },
          { key: pair, windowMs: REMEMBER_MS, by: 0 },
        ],
        now,
      );
      if (hammer && hammer.count > limits.claimsPerRef) throw rateLimited(hammer.resetAt, now);
      if (seen && seen.count > 0) return;
      const [perIp, perSite] = await counters.add(
        [
          { key: `claim-ip:${client}`, windowMs: MINUTE, by: 1 },
          { key: `claim-site:${site}`, windowMs: MINUTE, by: 1 },
          { key: pair, windowMs: REMEMBER_MS, by: 1 },
        ],
        now,
      );
      if (perIp && perIp.count > limits.claimsPerIp) {
        // A client over its budget gets no free retries of what it guesses: the pair is forgotten.
        await counters.add([{ key: pair, windowMs: REMEMBER_MS, by: -1 }], now);
        throw rateLimited(perIp.resetAt, now);
      }
      if (perSite && perSite.count > limits.claimsPerSite) throw rateLimited(perSite.resetAt, now);
    },
  };
}

/** Decisions: per client. A decision needs its session's 256-bit secret, so anything else is a guess. */
export function decisionLimits(limits: Limits, counters: Counters) {
  const perIp = rateLimit(counters, limits.decisionsPerIp, MINUTE);
  return { take: (client: string, now: number) => perIp.take(`decision-ip:${client}`, now) };
}
