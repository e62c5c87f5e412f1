import type { Store } from "../store/store.ts";
import { localProviders, type PaymentProviders } from "./provider.ts";
import type { StripeClients } from "./stripe/client.ts";
import { stripeProvider } from "./stripe/provider.ts";

/** Every way this server can settle an accepted offer, as a site's `payments` setting names it. */
export function paymentProviders(store: Store, clients: StripeClients): PaymentProviders {
  return { ...localProviders(), stripe: stripeProvider({ store, clients }) };
}
