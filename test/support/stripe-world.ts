import { loadBundle } from "../../server/embed/bundle.ts";
import { serveApp, serveHost, snippetTag, thankYouPage } from "./browser.ts";
import { freePort } from "./process.ts";
import { stripeShop } from "./stripe-shop.ts";

/**
 * What a browser test of Stripe payments needs: the real server (serving the built widget) on a port, the FAKE
 * Stripe on another (its API for the server's SDK, its hosted pages for the browser), and a seller's static site
 * on a third whose thank-you page (`/thanks?session_id=cs_…`, as Stripe Checkout returns to) carries the snippet.
 * The events the fake's pages cause reach the server's Stripe webhook signed as Stripe signs them. The server's
 * clock is the real one, as Stripe's signatures' timestamps are.
 */
export async function stripeWorld() {
  // The links the server makes for the buyer (the bank's confirmation, the way back) are on its PUBLIC_URL.
  const port = await freePort();
  const shop = await stripeShop("sqlite", {
    bundle: loadBundle(),
    env: { PUBLIC_URL: `http://127.0.0.1:${port}` },
  });
  Object.defineProperty(shop.harness, "now", { get: () => Date.now(), set: () => {} });
  const api = await serveApp(shop.harness, port);
  const host = await serveHost(() => ({ body: thankYouPage(snippetTag(api.origin, shop.shop.siteId)) }));
  const allowed = await shop.harness.admin(`/sites/${shop.shop.siteId}`, {
    method: "PATCH",
    json: { allowedOrigins: [host.origin] },
  });
  if (!allowed.ok) throw new Error(`the site refused its origin: ${await allowed.text()}`);
  shop.fake.onEvent = async (event) => {
    const answer = await shop.deliver(event);
    if (!answer.ok) throw new Error(`Stripe's event was refused: ${answer.status} ${await answer.text()}`);
  };
  return {
    ...shop,
    /** Origin of the Aquarium server. */
    api: api.origin,
    /** The thank-you page Stripe Checkout sends the buyer of this Checkout Session to. */
    thankYou: (checkoutSession: string) => `${host.origin}/thanks?session_id=${checkoutSession}`,
    /** The PaymentIntents the server created (not those of the front-end orders). */
    intentsCreated: () =>
      shop.fake.calls.filter((call) => call.method === "POST" && call.path === "/v1/payment_intents"),
    payments: () => shop.harness.store.payments.list(shop.shop.siteId),
    async close() {
      await host.close();
      await api.close();
      await shop.close();
    },
  };
}
export type StripeWorld = Awaited<ReturnType<typeof stripeWorld>>;
