import type { OrderReference } from "../server/contract/session.ts";
import type { WidgetConfig } from "../server/contract/snippet.ts";

/**
 * The order this thank-you page is about, found the way each platform shows it:
 * a signed token on the tag; WooCommerce's `…/order-received/<id>/?key=wc_order_…` (or `?order-received=<id>`
 * with plain permalinks); Stripe Checkout and Payment Links' `?session_id=cs_…`; a parameter the seller named.
 * Anything else: null, and the widget stays silent.
 */
export function findOrderReference(
  config: WidgetConfig,
  location: { pathname: string; search: string },
): OrderReference | null {
  if (config.orderToken) return { source: "token", token: config.orderToken };
  const query = new URLSearchParams(location.search);

  const key = query.get("key");
  const wooId =
    /\/order-received\/(\d{1,20})\/?$/.exec(location.pathname)?.[1] ?? query.get("order-received");
  if (key && wooId && /^\d{1,20}$/.test(wooId) && /^wc_order_[A-Za-z0-9]{1,64}$/.test(key)) {
    return { source: "woocommerce", id: wooId, key };
  }

  const checkoutSession = query.get("session_id");
  if (checkoutSession && /^cs_[A-Za-z0-9_]{10,250}$/.test(checkoutSession)) {
    return { source: "stripe", checkoutSession };
  }

  const ref = config.orderParam ? query.get(config.orderParam) : null;
  if (ref && ref.length >= 16 && ref.length <= 200) return { source: "ref", ref };
  return null;
}
