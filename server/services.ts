import type { Deps, Services } from "./deps.ts";
import { stripeOrders } from "./orders/stripe-pull.ts";
import { paymentLinks } from "./payments/links.ts";
import { paymentProviders } from "./payments/providers.ts";
import { stripeClients } from "./payments/stripe/client.ts";
import type { SessionsDeps } from "./sessions/context.ts";

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
