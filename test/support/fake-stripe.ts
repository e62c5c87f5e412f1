import { listenOnLoopback } from "../../demo/stand-ins/listen.ts";
import { type StripeStandIn, stripeStandIn, type Templates } from "../../demo/stand-ins/stripe.ts";
import { stripePages } from "../../demo/stand-ins/stripe-pages.ts";

export { CARDS, parseForm, type Templates } from "../../demo/stand-ins/stripe.ts";

export interface FakeStripe extends StripeStandIn {
  /** `http://127.0.0.1:<port>`: STRIPE_API_URL, and the origin of the hosted pages. */
  url: string;
  close(): Promise<void>;
}

/**
 * The FAKE Stripe of the tests: the demo's Stripe stand-in (demo/stand-ins/stripe.ts), its API and its hosted
 * pages on one port of 127.0.0.1, answering to `keys`.
 */
export async function fakeStripe(templates: Templates = {}, keys: string[] = []): Promise<FakeStripe> {
  const standIn = stripeStandIn({ templates, keys });
  const pages = stripePages(standIn);
  const served = await listenOnLoopback((request) =>
    new URL(request.url).pathname.startsWith("/v1/") ? standIn.api(request) : pages(request),
  );
  standIn.pagesUrl = served.url;
  return Object.assign(standIn, served);
}
