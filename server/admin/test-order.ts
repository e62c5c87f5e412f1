import type { HookSource, TestOrderAnswer, TestOrderInput } from "../contract/index.ts";
import type { SiteConfig } from "../domain.ts";
import { AppError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { receiveDelivery } from "../orders/receive.ts";
import type { HookSeen } from "../store/cockpit-log.ts";
import type { Store } from "../store/store.ts";
import { firstOffers } from "./first-offers.ts";
import { SIGNED_BY, type TestOrderContent } from "./test-order-payloads.ts";

const PLATFORM_NAMES: Record<HookSource, string> = {
  woocommerce: "WooCommerce",
  stripe: "Stripe",
  orders: "order webhook",
};

/**
 * The platform a test order goes through when the seller does not say: the one the site last heard from,
 * else the one its payments or brought secrets point at, else WooCommerce (the commonest).
 */
export function defaultSource(config: SiteConfig, hooks: HookSeen[]): HookSource {
  const heard = hooks.find((hook) => !hook.test && hook.outcome !== "bad_signature");
  if (heard) return heard.source;
  const { payments, secrets } = config.site;
  if (payments === "stripe" || secrets.stripe) return "stripe";
  return "woocommerce";
}

/**
 * What a test order holds so that the site's first offer applies to it, as a buyer's order would: a product its
 * trigger names (or one with a tag it names, or any other product), in the currency it asks for, enough of it to
 * reach its minimum total, never the offered product itself. With no offer at all, any product.
 */
export function testOrderContent({ products, offers }: SiteConfig): TestOrderContent {
  const [offer] = firstOffers(offers);
  const others = products.filter((product) => product.id !== offer?.productId);
  const trigger = offer?.trigger;
  const bought =
    others.find((product) => trigger?.products.includes(product.id)) ??
    others.find((product) => product.tags.some((tag) => trigger?.tags.includes(tag))) ??
    others[0];
  const offered = products.find((product) => product.id === offer?.productId);
  const currency = trigger?.currency ?? offered?.currency ?? bought?.currency ?? "USD";
  const unitPrice = bought?.price || 1000;
  const quantity = Math.min(100, Math.max(1, Math.ceil((trigger?.minTotal ?? 0) / unitPrice)));
  const line = {
    product: bought?.sku ?? "aquarium-test-item",
    sku: bought?.sku ?? "aquarium-test-item",
    name: bought?.name ?? "Test item",
    quantity,
    unitPrice,
  };
  return { lines: [line], total: unitPrice * quantity, currency };
}

/**
 * "Send a test order": a paid order, signed with the site's own secret for the platform and handed to the very
 * code that receives that platform's webhooks, marked as a test (never counted in stats, never charged, its
 * events to the seller marked `test: true`). Answers the thank-you page preview that shows its offer.
 */
export async function sendTestOrder(
  { store, logger, publicUrl }: { store: Store; logger: Logger; publicUrl: string },
  siteId: string,
  input: TestOrderInput,
  now: number,
): Promise<TestOrderAnswer> {
  const config = await store.config(siteId);
  if (!config) throw new AppError("not_found", "No such site.");
  const source = input.source ?? defaultSource(config, await store.cockpit.hooks(siteId));
  // Each platform's webhook is signed with the site's secret of the platform's name.
  const secret = await store.sites.secret(siteId, source);
  if (!secret) {
    const name = PLATFORM_NAMES[source];
    throw new AppError(
      "conflict",
      source === "stripe"
        ? "This site has no Stripe signing secret yet: paste Stripe's whsec_… in the settings first."
        : `This site has no ${name} secret: make one in the settings first.`,
    );
  }
  const content = testOrderContent(config);
  const signed = SIGNED_BY[source](content, secret, now);
  const { result } = await receiveDelivery(
    { store, logger },
    {
      platform: source,
      siteId,
      raw: new TextEncoder().encode(signed.body),
      headers: signed.headers,
      now,
      test: true,
    },
  );
  return {
    order: { source, id: signed.orderId, ...content },
    result,
    previewUrl: `${publicUrl}/preview/${encodeURIComponent(siteId)}/${signed.thankYou}`,
  };
}
