import type { OrderReference, Site } from "../contract/index.ts";
import { digestsEqual, sha256Hex } from "../crypto.ts";
import type { Order } from "../domain.ts";
import { AppError } from "../errors.ts";
import { verifyOrderToken } from "../orders/token.ts";
import type { Store } from "../store/store.ts";
import type { PullOrder } from "./context.ts";

const NO_KEY = sha256Hex("no order has this key");

/**
 * The order a thank-you page names, if the reference proves it (key, session id, ref or signed token). A
 * WooCommerce order or Stripe Checkout Session not heard of yet is read from the platform (`pull`), when the
 * site gave the server a connection to read it with.
 */
export async function findOrder(
  store: Store,
  site: Site,
  ref: OrderReference,
  now: number,
  pull?: PullOrder,
): Promise<Order | null> {
  switch (ref.source) {
    case "woocommerce": {
      const order =
        (await store.orders.find(site.id, "woocommerce", ref.id)) ??
        (pull ? await pull(site, ref, now) : null);
      // Compared even when there is no order, so the time taken does not say whether the id exists; both are
      // SHA-256 digests, compared as they are in constant time (one hash per secret).
      const keyMatches = digestsEqual(sha256Hex(ref.key), order?.keyHash ?? NO_KEY);
      return order && keyMatches ? order : null;
    }
    case "stripe":
      return (
        (await store.orders.find(site.id, "stripe", ref.checkoutSession)) ??
        (pull ? await pull(site, ref, now) : null)
      );
    case "ref":
      return store.orders.findByKey(site.id, "orders", sha256Hex(ref.ref));
    case "token": {
      const secret = await store.sites.secret(site.id, "token");
      if (!secret) return null;
      try {
        return await store.orders.register(await verifyOrderToken(ref.token, site.id, secret, now), now);
      } catch (error) {
        if (error instanceof AppError) return null;
        throw error;
      }
    }
  }
}
