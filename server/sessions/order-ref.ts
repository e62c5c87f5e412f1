import type { OrderReference, Site } from "../contract/index.ts";
import { digestsEqual, sha256Hex } from "../crypto.ts";
import type { Order, Session, Step } from "../domain.ts";
import { AppError } from "../errors.ts";
import { verifyOrderToken } from "../orders/token.ts";
import type { Store } from "../store/store.ts";
import type { PullOrder } from "./context.ts";

const NO_KEY = sha256Hex("no order has this key");

/** An order a reference proves, and its session with the offers shown (if claimed), when read with it. */
export interface Found {
  order: Order;
  /** Read with the order (null: it has no session yet); undefined when not read (the store reads it). */
  claimed?: { session: Session; steps: Step[] } | null;
}

/**
 * The order a thank-you page names, if the reference proves it (key, session id, ref or signed token). A
 * WooCommerce order or Stripe Checkout Session not heard of yet is read from the platform (`pull`), when the
 * site gave the server a connection to read it with. An order looked up by its platform's id comes with its
 * session, in the same read.
 */
export async function findOrder(
  store: Store,
  site: Site,
  ref: OrderReference,
  now: number,
  pull?: PullOrder,
): Promise<Found | null> {
  switch (ref.source) {
    case "woocommerce": {
      const found =
        (await store.sessions.ofReference(site.id, "woocommerce", ref.id)) ??
        orderOnly(pull ? await pull(site, ref, now) : null);
      // Compared even when there is no order, so the time taken does not say whether the id exists; both are
      // SHA-256 digests, compared as they are in constant time (one hash per secret).
      const keyMatches = digestsEqual(sha256Hex(ref.key), found?.order.keyHash ?? NO_KEY);
      return found && keyMatches ? found : null;
    }
    case "stripe":
      return (
        (await store.sessions.ofReference(site.id, "stripe", ref.checkoutSession)) ??
        orderOnly(pull ? await pull(site, ref, now) : null)
      );
    case "ref":
      return orderOnly(await store.orders.findByKey(site.id, "orders", sha256Hex(ref.ref)));
    case "token": {
      const secret = await store.sites.secret(site.id, "token");
      if (!secret) return null;
      try {
        return orderOnly(
          await store.orders.register(await verifyOrderToken(ref.token, site.id, secret, now), now),
        );
      } catch (error) {
        if (error instanceof AppError) return null;
        throw error;
      }
    }
  }
}

const orderOnly = (order: Order | null): Found | null => (order ? { order } : null);
