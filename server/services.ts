import type { Deps, Services } from "./deps.ts";
import { stripeOrders } from "./orders/stripe-pull.ts";
import { wooCommerceOrders } from "./orders/woocommerce-pull.ts";
import { paymentLinks } from "./payments/links.ts";
import { paymentProviders } from "./payments/providers.ts";
import { stripeClients } from "./payments/stripe/client.ts";
import type { PullOrder, SessionsDeps } from "./sessions/context.ts";

export function buildServices(deps: Deps): Services {
  const clients = stripeClients(deps.config.stripeApiUrl);
  // Shops are reached on a seller's word: only where a seller's webhook URL may lead (net/destination.ts).
  const network = {
    allowLoopbackHttp: deps.config.allowLoopbackHttp,
    ...(deps.resolveHost && { resolve: deps.resolveHost }),
  };
  const { store, logger } = deps;
  return {
    stripeClients: clients,
    payments: deps.payments ?? paymentProviders({ store, clients, network, logger }),
    links: paymentLinks(deps.config.publicUrl, deps.config.secretKeys.current),
    stripe: stripeOrders({ store, clients, logger }),
    woocommerce: wooCommerceOrders({ store, network, logger }),
  };
}

/** What the session use cases are given. */
export function sessionsDeps(deps: Deps, services: Services): SessionsDeps {
  const pull: PullOrder = (site, ref, now) =>
    ref.source === "stripe"
      ? services.stripe.pull(site, ref.checkoutSession, now)
      : services.woocommerce.pull(site, ref.id, ref.key, now);
  return {
    store: deps.store,
    logger: deps.logger,
    payments: services.payments,
    links: services.links,
    pull,
  };
}
