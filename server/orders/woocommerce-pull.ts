import type { Site } from "../contract/index.ts";
import { safeEqual, sha256Hex } from "../crypto.ts";
import type { Order } from "../domain.ts";
import type { Logger } from "../log.ts";
import { wooApi } from "../payments/woocommerce/api.ts";
import { wooClient } from "../payments/woocommerce/client.ts";
import { type WooNetwork, wooConnection } from "../payments/woocommerce/connection.ts";
import type { Store } from "../store/store.ts";
import { pullGate } from "./pull-gate.ts";
import { readWooOrder } from "./woocommerce.ts";

/**
 * WooCommerce orders read with the seller's REST API key. A buyer can reach the thank-you page before the
 * shop's webhook arrives: a claim for an order not heard of yet makes the server read it (`GET /orders/{id}`),
 * and register it if the claim's key is the order's (compared in constant time), it is paid (processing or
 * completed), and it is not the linked order of an accepted offer. Misses are remembered briefly, and pulls
 * are limited per site (pull-gate.ts).
 */
export function wooCommerceOrders({
  store,
  network,
  logger,
}: {
  store: Store;
  network: WooNetwork;
  logger: Logger;
}) {
  const gate = pullGate();
  return {
    async pull(site: Site, id: string, key: string, now: number): Promise<Order | null> {
      // Remembered by id and key: a wrong key guessed for an order does not hold back the buyer's right one.
      const reference = `${id}|${sha256Hex(key).slice(0, 32)}`;
      if (!/^\d{1,19}$/.test(id) || !gate.allow(site.id, reference, now)) return null;
      const connection = await wooConnection(store, site.id);
      if (!connection) return null;
      try {
        const found = await wooApi(wooClient(connection, network)).order(id);
        const keyMatches = safeEqual(key, found?.order_key ?? "no order has this key");
        const read = found && keyMatches ? readWooOrder(site.id, found) : null;
        if (read?.order?.status !== "paid") {
          gate.miss(site.id, reference, now);
          return null;
        }
        return await store.orders.register(read.order, now);
      } catch (error) {
        gate.miss(site.id, reference, now);
        logger.warn({ err: error, site: site.id }, "woocommerce: an order could not be read");
        return null;
      }
    },
  };
}
export type WooCommerceOrders = ReturnType<typeof wooCommerceOrders>;
