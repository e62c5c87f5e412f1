import type { Logger } from "../log.ts";
import type { Store } from "../store/store.ts";
import { localProviders, type PaymentProviders } from "./provider.ts";
import type { StripeClients } from "./stripe/client.ts";
import { stripeProvider } from "./stripe/provider.ts";
import type { WooNetwork } from "./woocommerce/connection.ts";
import { wooCommerceProvider } from "./woocommerce/provider.ts";

/** Every way this server can settle an accepted offer, as a site's `payments` setting names it. */
export function paymentProviders({
  store,
  clients,
  network,
  logger,
}: {
  store: Store;
  clients: StripeClients;
  /** Where shops may be reached (WooCommerce's REST API), and how their names resolve. */
  network: WooNetwork;
  logger: Logger;
}): PaymentProviders {
  return {
    ...localProviders(),
    stripe: stripeProvider({ store, clients }),
    woocommerce: wooCommerceProvider({ store, network, logger }),
  };
}
