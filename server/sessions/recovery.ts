import type { Deps } from "../deps.ts";
import { periodic } from "../periodic.ts";
import { buildServices, sessionsDeps } from "../services.ts";
import { settle } from "./settle.ts";

export interface RecoveryOptions {
  /** How long an accept's charge may be in flight before it is taken for lost (a crash, a provider that hung). */
  graceMs?: number;
  /** Decisions settled per pass. */
  batch?: number;
}

/**
 * Settles accepts whose charge was left in flight: the process crashed between writing the decision and
 * recording its payment, or the provider did not answer. The provider is asked again with the decision's
 * key, so a charge that went through is found, not repeated, and one that did not is made now: the buyer's
 * click was recorded, and is honoured once.
 */
export function settlementRecovery(deps: Deps, options: RecoveryOptions = {}) {
  const { graceMs = 30_000, batch = 20 } = options;
  const useCases = sessionsDeps(deps, deps.services ?? buildServices(deps));
  const { store, clock, logger } = deps;
  async function runOnce(): Promise<number> {
    let settled = 0;
    for (const decision of await store.decisions.unsettled(clock() - graceMs, batch)) {
      try {
        const session = await store.sessions.get(decision.sessionId);
        const [config, order] = session
          ? await Promise.all([store.config(session.siteId), store.sessions.order(session)])
          : [null, null];
        if (!session || !config || !order) continue;
        await settle(useCases, decision, { session, config, order }, clock());
        settled += 1;
        logger.info({ decision: decision.id, site: decision.siteId }, "decision settled after recovery");
      } catch (error) {
        logger.warn({ err: error, decision: decision.id }, "decision still unsettled");
      }
    }
    return settled;
  }

  const job = periodic("recovery", logger, runOnce);
  return { ...job, start: (intervalMs = 5_000) => job.start(intervalMs) };
}
