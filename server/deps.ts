import type { Config } from "./config.ts";
import type { Bundle } from "./embed/bundle.ts";
import type { Logger } from "./log.ts";
import type { Store } from "./store/store.ts";

/** What the routes are given: the edges (store, clock, log) are passed in, so tests can hold them. */
export interface Deps {
  config: Config;
  store: Store;
  logger: Logger;
  /** Epoch milliseconds; a test moves it to cross an offer window or a signature tolerance. */
  clock: () => number;
  /** The built widget; absent in tests that do not serve it. */
  bundle?: Bundle | null;
  /** Overrides of the public routes' rate limits (tests lower them). */
  limits?: Partial<Limits>;
}

/** Requests per minute on the public routes, per client IP and per site. */
export interface Limits {
  claimsPerIp: number;
  claimsPerSite: number;
  decisionsPerIp: number;
  decisionsPerSite: number;
}

/** The public routes' limits for a configured rate per client (RATE_LIMIT_PER_MINUTE). */
export function limitsFor(perMinute: number): Limits {
  return {
    claimsPerIp: perMinute,
    decisionsPerIp: 2 * perMinute,
    claimsPerSite: 100 * perMinute,
    decisionsPerSite: 100 * perMinute,
  };
}
