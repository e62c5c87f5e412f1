import type { Deps } from "./deps.ts";
import { type StripeOrders, stripeOrders } from "./orders/stripe-pull.ts";
import { type PaymentLinks, paymentLinks } from "./payments/links.ts";
import type { PaymentProviders } from "./payments/provider.ts";
import { paymentProviders } from "./payments/providers.ts";
import { type StripeClients, stripeClients } from "./payments/stripe/client.ts";
import type { SessionsDeps } from "./sessions/context.ts";

/** What the use cases share beyond the store: built once per process from the configuration. */
export interface Services {
  stripeClients: StripeClients;
  payments: PaymentProviders;
  links: PaymentLinks;
  stripe: StripeOrders;
}

export function buildServices(deps: Deps): Services {
  const clients = stripeClients(deps.config.stripeApiUrl);
  return {
    stripeClients: clients,
    payments: deps.payments ?? paymentProviders(deps.store, clients),
    links: paymentLinks(deps.config.publicUrl, deps.config.secretKeys.current),
    stripe: stripeOrders({ store: deps.store, clients, logger: deps.logger }),
  };
}

/** What the session use cases are given. */
export function sessionsDeps(deps: Deps, services: Services): SessionsDeps {
  return {
    store: deps.store,
    logger: deps.logger,
    payments: services.payments,
    links: services.links,
    pull: services.stripe.pull,
  };
}
