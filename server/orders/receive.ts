import type { HookAnswer, HookOutcome, HookSource, SecretKind } from "../contract/index.ts";
import type { NewOrder } from "../domain.ts";
import { AppError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { holds } from "../offers/trigger.ts";
import { applyPaymentEvent } from "../payments/changes.ts";
import type { HookEntry } from "../store/cockpit-log.ts";
import type { Store } from "../store/store.ts";
import { verifyGeneric } from "./generic.ts";
import { verifyStripe } from "./stripe.ts";
import type { Incoming, Verified } from "./verified.ts";
import { isWooCommercePing, verifyWooCommerce } from "./woocommerce.ts";

interface Source {
  source: HookSource;
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
  /** Set only by the admin's "Send a test order" (no platform's request can): the order is a test order. */
  test?: boolean;
}

type ReceiveDeps = { store: Store; logger: Logger; enrich?: (order: NewOrder) => Promise<NewOrder> };

/**
 * One delivery from a platform: the signature verified over the raw bytes, then the delivery recorded (a
 * replay is acknowledged, not stored again) and the order stored unless a newer version is. An unknown
 * site and a site without that platform's secret are one and the same 404. What became of it is kept for
 * the seller's cockpit (never the payload); that record never changes the platform's answer.
 */
export async function receiveDelivery(deps: ReceiveDeps, delivery: Delivery): Promise<HookAnswer> {
  const source = Object.hasOwn(SOURCES, delivery.platform) ? SOURCES[delivery.platform] : undefined;
  try {
    const { answer, seen } = await receive(deps, delivery, source);
    if (source) await logHook(deps, delivery, source.source, seen);
    return answer;
  } catch (error) {
    if (source) await logRefusal(deps, delivery, source.source, error);
    throw error;
  }
}

/** What the cockpit keeps of a delivery, worked out once the delivery is stored. */
type Seen = () => Promise<Omit<HookEntry, "siteId" | "source" | "at" | "test"> | null>;

async function receive(
  { store, logger, enrich }: ReceiveDeps,
  { siteId, raw, headers, now, test = false }: Delivery,
  source: Source | undefined,
): Promise<{ answer: HookAnswer; seen: Seen }> {
  const secret = source ? await store.sites.secret(siteId, source.secret) : null;
  if (!source || !secret) throw new AppError("not_found", "No such webhook.");
  if (source.source === "woocommerce" && isWooCommercePing({ raw, headers })) {
    return {
      answer: { received: true, result: "ping" },
      seen: async () => ({ outcome: "ping", order: null }),
    };
  }
  const verified = source.verify({ siteId, raw, headers, secret, now });
  const { deliveryId, payment } = verified;
  // A payment's change is applied before its delivery is recorded: both are once-only, so a crash in between
  // is mended by the platform's retry.
  if (payment) await applyPaymentEvent({ store, logger }, siteId, payment, now);
  const received = verified.order && test ? { ...verified.order, test } : verified.order;
  const order = received && enrich ? await enrich(received) : received;
  const result = await store.orders.ingest({ siteId, source: source.source, deliveryId }, order, now);
  logger.info(
    { site: siteId, source: source.source, result, order: order?.externalId ?? null },
    "order delivery",
  );
  const answer: HookAnswer = {
    received: true,
    result: order || payment || result === "duplicate" ? result : "ignored",
  };
  return { answer, seen: () => outcomeOf(store, answer.result, order, Boolean(payment)) };
}

/** A delivery's outcome as the seller needs it: a stored order none of whose products they sell is a mistake. */
async function outcomeOf(
  store: Store,
  result: HookAnswer["result"],
  order: NewOrder | null,
  payment: boolean,
): ReturnType<Seen> {
  const named = { order: order?.externalId ?? null };
  if (result !== "stored") return { ...named, outcome: result };
  if (!order) return { ...named, outcome: payment ? "payment" : "stored" };
  const catalogue = (await store.config(order.siteId))?.products ?? [];
  const known = order.lines.some((line) => catalogue.some((product) => holds(line, product)));
  if (known) return { ...named, outcome: "stored" };
  const unknownSkus = order.lines.map((line) => line.sku ?? line.product);
  return { ...named, outcome: "unknown_products", unknownSkus };
}

/** Keeps a delivery's outcome for the cockpit; a failure to is logged, and changes nothing for the platform. */
async function logHook(
  { store, logger }: ReceiveDeps,
  delivery: Delivery,
  source: HookSource,
  seen: Seen,
): Promise<void> {
  try {
    const entry = await seen();
    if (!entry) return;
    const { siteId, now: at, test = false } = delivery;
    store.cockpit.recordHook({ ...entry, siteId, source, test, at });
  } catch (error) {
    logger.warn({ err: error, site: delivery.siteId }, "the delivery's outcome could not be kept");
  }
}

/**
 * A refused delivery, kept for the site it names if that site exists: a site without this platform's secret
 * is the commonest set-up mistake. Deliveries for unknown sites are not kept anywhere.
 */
async function logRefusal(deps: ReceiveDeps, delivery: Delivery, source: HookSource, error: unknown) {
  const code = error instanceof AppError ? error.code : "internal";
  const outcome: HookOutcome =
    code === "not_found"
      ? "missing_secret"
      : code === "invalid_signature"
        ? "bad_signature"
        : code === "invalid_request" || code === "invalid_json"
          ? "unreadable"
          : "failed";
  await logHook(deps, delivery, source, async () => {
    const unknownSite = outcome === "missing_secret" && !(await deps.store.sites.get(delivery.siteId));
    return unknownSite ? null : { outcome, order: null };
  });
}
