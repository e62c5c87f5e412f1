import type { HookAnswer, OrderSource, SecretKind } from "../contract/index.ts";
import type { NewOrder } from "../domain.ts";
import { AppError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { applyPaymentEvent } from "../payments/changes.ts";
import type { Store } from "../store/store.ts";
import { verifyGeneric } from "./generic.ts";
import { verifyStripe } from "./stripe.ts";
import type { Incoming, Verified } from "./verified.ts";
import { isWooCommercePing, verifyWooCommerce } from "./woocommerce.ts";

interface Source {
  source: OrderSource;
  secret: SecretKind;
  verify(incoming: Incoming): Verified;
}

/** Each platform's webhook, by the name in its path: `/v1/hooks/<name>/:site`. */
export const SOURCES: Record<string, Source> = {
  woocommerce: { source: "woocommerce", secret: "woocommerce", verify: verifyWooCommerce },
  stripe: { source: "stripe", secret: "stripe", verify: verifyStripe },
  orders: { source: "orders", secret: "orders", verify: verifyGeneric },
};

export interface Delivery {
  platform: string;
  siteId: string;
  /** The exact bytes that were signed. */
  raw: Uint8Array;
  headers: Headers;
  now: number;
}

/**
 * One delivery from a platform: the signature verified over the raw bytes, then the delivery recorded (a
 * replay is acknowledged, not stored again) and the order stored unless a newer version is. An unknown
 * site and a site without that platform's secret are one and the same 404.
 */
export async function receiveDelivery(
  {
    store,
    logger,
    enrich,
  }: { store: Store; logger: Logger; enrich?: (order: NewOrder) => Promise<NewOrder> },
  { platform, siteId, raw, headers, now }: Delivery,
): Promise<HookAnswer> {
  const source = Object.hasOwn(SOURCES, platform) ? SOURCES[platform] : undefined;
  const secret = source ? await store.sites.secret(siteId, source.secret) : null;
  if (!source || !secret) throw new AppError("not_found", "No such webhook.");
  if (source.source === "woocommerce" && isWooCommercePing({ raw, headers })) {
    return { received: true, result: "ping" };
  }
  const verified = source.verify({ siteId, raw, headers, secret, now });
  const { deliveryId, payment } = verified;
  // A payment's change is applied before its delivery is recorded: both are once-only, so a crash in between
  // is mended by the platform's retry.
  if (payment) await applyPaymentEvent({ store, logger }, siteId, payment, now);
  const order = verified.order && enrich ? await enrich(verified.order) : verified.order;
  const result = await store.orders.ingest({ siteId, source: source.source, deliveryId }, order, now);
  logger.info(
    { site: siteId, source: source.source, result, order: order?.externalId ?? null },
    "order delivery",
  );
  return { received: true, result: order || payment || result === "duplicate" ? result : "ignored" };
}
