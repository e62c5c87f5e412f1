import type { ClaimOutcome, HookSource, Site } from "../contract/index.ts";
import type { ClaimSeen, HookSeen } from "../store/cockpit-log.ts";

const PLATFORM: Record<HookSource, string> = {
  woocommerce: "WooCommerce",
  stripe: "Stripe",
  orders: "the order webhook",
};

const SECRET: Record<HookSource, string> = {
  woocommerce: "the secret in WooCommerce's webhook settings is not this site's woocommerce secret",
  stripe: "the signing secret set here is not the one Stripe shows for this endpoint (whsec_…)",
  orders: "the platform does not sign with this site's orders secret",
};

/** What became of one order delivery, in a sentence a seller can act on. */
export function hookMessage({ source, outcome, order, unknownSkus }: HookSeen): string {
  const named = order ? `Order ${order}` : "The order";
  switch (outcome) {
    case "stored":
      return `${named} was received and registered.`;
    case "payment":
      return "A payment of an accepted offer moved on (paid, failed or refunded).";
    case "unknown_products":
      if (unknownSkus.length === 0 && source === "stripe") {
        return `${named} was registered, but Stripe sent no products: list your SKUs in the Checkout Session's metadata.aquarium_products, or give a product the Payment Link's id as its SKU.`;
      }
      return `${named} was registered, but none of its products (${unknownSkus.join(", ") || "none"}) is in your catalogue: give your products these SKUs so that offers can match.`;
    case "ignored":
      return "Received, but not a paid order (pending, on hold, or another event): nothing to offer for it.";
    case "duplicate":
      return "A delivery already received, sent again: acknowledged, not stored twice.";
    case "stale":
      return `${named} was already stored in a newer version: this older one changed nothing.`;
    case "ping":
      return "WooCommerce's ping, sent when the webhook was saved: the webhook reaches Aquarium.";
    case "bad_signature":
      return `Refused: the signature does not match. Most likely ${SECRET[source]}.`;
    case "missing_secret":
      return source === "stripe"
        ? "Refused: this site has no Stripe signing secret yet. Paste the whsec_… Stripe shows for this endpoint in the settings."
        : `Refused: this site has no ${PLATFORM[source]} secret. Make one in the settings.`;
    case "unreadable":
      return "Refused: correctly signed, but not an order Aquarium can read (a field missing or not JSON).";
    case "failed":
      return `Not stored: the server could not store it just then; ${PLATFORM[source]} sends it again.`;
  }
}

/** What one claim got, and why not an offer, in a sentence. */
export function claimMessage({ outcome }: ClaimSeen, site: Site): string {
  const words: Record<ClaimOutcome, string> = {
    offer: "An offer was shown.",
    origin_refused: "Refused: the page's origin is not among this site's allowed origins.",
    order_not_found:
      "The order was not found: its webhook had not arrived yet, or the page's order key does not match.",
    order_not_paid: "The order is not paid (or was refunded or cancelled): no offer.",
    window_closed: `The order was paid more than ${site.offerWindowMinutes} minutes before: its offer window had closed.`,
    other_browser: "Another browser had claimed this order first: its offer is shown to that browser only.",
    no_active_offer: "No offer is active.",
    no_matching_offer: "No active offer's trigger matches this order.",
    other_currency: "The matching offer's product is priced in another currency than the order's.",
    already_bought: "The order already holds the product the matching offer would offer.",
    funnel_done: "Every step of the funnel had been shown and decided.",
    payment_pending: "An accepted offer's payment was still under way.",
  };
  return words[outcome];
}

/** The same origin but for `www.` or the scheme: the commonest set-up mistake. */
function nearMiss(origin: string, allowed: string[]): string | undefined {
  const bare = (value: string) => value.replace(/^https?:\/\/(www\.)?/, "");
  return allowed.find((candidate) => bare(candidate) === bare(origin));
}

/** What to do about the claims of an origin, or null when there is nothing to do. */
export function originAdvice(origin: string | null, site: Site, ownOrigin: string): string | null {
  if (origin === null) return "These claims came without an Origin header: not from a page in a browser.";
  if (site.allowedOrigins.includes(origin)) return null;
  if (origin === ownOrigin) return "Aquarium's own thank-you page preview: it is offered test orders only.";
  const near = nearMiss(origin, site.allowedOrigins);
  const hint = near ? ` (the site allows ${near}: each spelling of the address must be listed)` : "";
  return `${origin} is not among this site's allowed origins${hint}; add it?`;
}
