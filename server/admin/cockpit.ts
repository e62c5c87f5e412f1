import {
  type ClaimLog,
  type CockpitAnswer,
  type HookLog,
  HookSource,
  REFUSED_HOOKS,
} from "../contract/index.ts";
import { AppError } from "../errors.ts";
import { CLAIMS_KEPT_PER_ORIGIN, type ClaimSeen } from "../store/cockpit-log.ts";
import type { Store } from "../store/store.ts";
import { claimMessage, hookMessage, originAdvice } from "./cockpit-words.ts";
import { siteProblems } from "./problems.ts";

const DAY = 86_400_000;
const iso = (at: number) => new Date(at).toISOString();

/**
 * "Is it working?" for one site: the problems the server can see, the last order deliveries per platform and
 * the last claims per origin (the most recently seen first), each with what became of it in plain words.
 */
export async function siteCockpit(
  store: Store,
  siteId: string,
  { now, ownOrigin }: { now: number; ownOrigin: string },
): Promise<CockpitAnswer> {
  const [config, hooks, claims, deliveries, currencies] = await Promise.all([
    store.config(siteId),
    store.cockpit.hooks(siteId),
    store.cockpit.claims(siteId),
    store.outbox.list(siteId, 20),
    store.orders.currencies(siteId, now - 30 * DAY),
  ]);
  if (!config) throw new AppError("not_found", "No such site.");
  const { site } = config;

  const hookLogs: HookLog[] = HookSource.options
    .map((source) => ({
      source,
      deliveries: hooks
        .filter((hook) => hook.source === source)
        .map((hook) => ({
          at: iso(hook.at),
          source,
          outcome: hook.outcome,
          verified: !REFUSED_HOOKS.includes(hook.outcome),
          order: hook.order,
          test: hook.test,
          message: hookMessage(hook),
        })),
    }))
    .filter((log) => log.deliveries.length > 0);

  const byOrigin = Map.groupBy(claims, (claim) => claim.origin);
  const claimLogs: ClaimLog[] = [...byOrigin.entries()].map(([origin, seen]) => ({
    origin,
    allowed: origin !== null && (site.allowedOrigins.includes(origin) || origin === ownOrigin),
    advice: originAdvice(origin, site, ownOrigin),
    claims: seen.slice(0, CLAIMS_KEPT_PER_ORIGIN).map((claim: ClaimSeen) => ({
      at: iso(claim.at),
      outcome: claim.outcome,
      reference: claim.reference,
      order: claim.order,
      test: claim.test,
      message: claimMessage(claim, site),
    })),
  }));

  return {
    problems: siteProblems({ config, hooks, deliveries, currencies }),
    hooks: hookLogs,
    claims: claimLogs,
  };
}
