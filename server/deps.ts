import type { Config } from "./config.ts";
import type { Bundle } from "./embed/bundle.ts";
import type { Logger } from "./log.ts";
import type { Resolver } from "./net/destination.ts";
import type { StripeOrders } from "./orders/stripe-pull.ts";
import type { WooCommerceOrders } from "./orders/woocommerce-pull.ts";
import type { PaymentLinks } from "./payments/links.ts";
import type { PaymentProviders } from "./payments/provider.ts";
import type { StripeClients } from "./payments/stripe/client.ts";
import type { Counters } from "./rate-limit.ts";
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
  /** Who charges accepted offers, per site setting; the local providers when absent (tests put fakes here). */
  payments?: PaymentProviders;
  /** The process's state: while stopping, /healthz fails and connections are told to close. */
  lifecycle?: { stopping: boolean };
  /** How host names are resolved for outbound requests (the system's DNS; tests give their own). */
  resolveHost?: Resolver;
  /** What the use cases share, built once per process (serve.ts); built from the rest when absent. */
  services?: Services;
  /** Where rate limits keep their tallies (in memory, or shared through PostgreSQL); see app.ts. */
  counters?: Counters;
  /** Overrides of the public routes' rate limits (tests lower them). */
  limits?: Partial<Limits>;
}

/** The deps as the routes get them, every default settled (see app.ts). */
export interface AppDeps extends Deps {
  counters: Counters;
  services: Services;
}

/** Requests per minute on the public routes (see sessions/limits.ts for what each one counts). */
export interface Limits {
  /** New order references one client may bring. */
  claimsPerIp: number;
  /** Claims of one order reference by one client: a buyer's page retrying while the webhook is late. */
  claimsPerRef: number;
  /** New (client, order reference) pairs one site takes. */
  claimsPerSite: number;
  /** Decisions from one client (each needs a session's secret: misses are guesses). */
  decisionsPerIp: number;
}

/** The public routes' limits for a configured rate per client (RATE_LIMIT_PER_MINUTE). */
export function limitsFor(perMinute: number): Limits {
  return {
    claimsPerIp: perMinute,
    claimsPerRef: 2 * perMinute,
    claimsPerSite: 100 * perMinute,
    decisionsPerIp: 2 * perMinute,
  };
}

/** What the use cases share beyond the store: built once per process from the configuration. */
export interface Services {
  stripeClients: StripeClients;
  payments: PaymentProviders;
  links: PaymentLinks;
  stripe: StripeOrders;
  woocommerce: WooCommerceOrders;
}
