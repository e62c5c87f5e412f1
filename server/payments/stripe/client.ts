import Stripe from "stripe";

/**
 * The official SDK, one client per seller's key, pointed at STRIPE_API_URL (Stripe itself in production; a
 * stand-in in tests and the demo). Retries are the SDK's own, on network errors, with its idempotency keys.
 */
export function stripeClients(apiUrl: string) {
  const url = new URL(apiUrl);
  const clients = new Map<string, Stripe>();
  return (key: string): Stripe => {
    let client = clients.get(key);
    if (!client) {
      client = new Stripe(key, {
        host: url.hostname,
        port: Number(url.port || (url.protocol === "https:" ? 443 : 80)),
        protocol: url.protocol === "https:" ? "https" : "http",
        maxNetworkRetries: 1,
        timeout: 10_000,
        telemetry: false,
      });
      if (clients.size > 1000) clients.clear();
      clients.set(key, client);
    }
    return client;
  };
}
export type StripeClients = ReturnType<typeof stripeClients>;
