import type { OfferConfig, Problem, Trigger } from "../contract/index.ts";
import type { SiteConfig } from "../domain.ts";
import { toDecimal } from "../orders/money.ts";
import type { HookSeen } from "../store/cockpit-log.ts";
import type { OutboxDelivery } from "../store/store.ts";
import { showsFirst } from "./first-offers.ts";

/** What the server can see of a site, to tell its problems. */
export interface SiteFacts {
  config: SiteConfig;
  /** The site's last order deliveries, newest first. */
  hooks: HookSeen[];
  /** The site's last outbound events, newest first. */
  deliveries: OutboxDelivery[];
  /** The currencies of the site's real (not test) orders of the last 30 days. */
  currencies: string[];
}

const money = (minor: number, currency: string) => `${toDecimal(minor, currency)} ${currency}`;
const quoted = (offer: OfferConfig) => `“${offer.name}”`;
const hasConditions = (trigger: Trigger) =>
  trigger.products.length > 0 ||
  trigger.tags.length > 0 ||
  trigger.minTotal !== null ||
  trigger.currency !== null;

/**
 * An offer with no condition at all shown for every order, by accident: it is at or above the priority of an
 * offer that has conditions, so that one is never shown first. (Below every conditioned offer, a catch-all is a
 * deliberate fallback, and no problem.)
 */
function catchAll(offers: OfferConfig[]): Problem[] {
  const first = offers.filter(showsFirst);
  return first
    .filter((offer) => !hasConditions(offer.trigger))
    .flatMap((offer) => {
      const hidden = first.find((other) => hasConditions(other.trigger) && other.priority <= offer.priority);
      if (!hidden) return [];
      return [
        {
          code: "catch_all_offer" as const,
          message: `${quoted(offer)} has no trigger condition and a priority at or above ${quoted(hidden)}: it is shown for every order, so ${quoted(hidden)} never is. Give it conditions, or a lower priority.`,
          fix: { section: "offers" as const, item: offer.id, label: `Edit ${quoted(offer)}` },
        },
      ];
    });
}

function offerProblems({ products, offers }: SiteConfig, currencies: string[]): Problem[] {
  const problems: Problem[] = [];
  const edit = (offer: OfferConfig) => ({
    section: "offers" as const,
    item: offer.id,
    label: `Edit ${quoted(offer)}`,
  });
  for (const offer of offers.filter((candidate) => candidate.active)) {
    const product = products.find((candidate) => candidate.id === offer.productId);
    if (!product) continue;
    const { discount } = offer;
    const off = discount.type === "percent" ? (product.price * discount.value) / 100 : discount.value;
    if (off >= product.price && product.price > 0) {
      const said =
        discount.type === "percent" ? `${discount.value} %` : money(discount.value, product.currency);
      problems.push({
        code: "discount_too_big",
        message: `${quoted(offer)} takes ${said} off ${product.name}, priced ${money(product.price, product.currency)}: the buyer would pay nothing.`,
        fix: edit(offer),
      });
    }
    if (currencies.length > 0 && !currencies.includes(product.currency)) {
      problems.push({
        code: "currency_unseen",
        message: `${quoted(offer)} offers ${product.name}, priced in ${product.currency}, but the orders of the last 30 days were in ${currencies.join(", ")}: an offer is shown only in its order's currency.`,
        fix: { section: "products", item: product.id, label: `Edit ${product.name}` },
      });
    }
    for (const [step, id, when] of [
      ["downsell", offer.downsellId, "decline"],
      ["next upsell", offer.nextId, "accept"],
    ] as const) {
      if (id === null) continue;
      const target = offers.find((candidate) => candidate.id === id);
      if (target?.active) continue;
      problems.push({
        code: "funnel_step_inactive",
        message: target
          ? `${quoted(offer)}'s ${step}, ${quoted(target)}, is inactive: buyers who ${when} get nothing more.`
          : `${quoted(offer)}'s ${step} was deleted: buyers who ${when} get nothing more.`,
        fix: edit(offer),
      });
    }
  }
  return problems;
}

/** The last event the seller's endpoint was tried with did not get through: the endpoint is failing. */
function webhookFailing(deliveries: OutboxDelivery[]): Problem[] {
  const tried = deliveries.filter((delivery) => delivery.attempts > 0 || delivery.status === "delivered");
  const last = tried[0];
  if (!last || last.status === "delivered") return [];
  const failing = tried.filter((delivery) => delivery.status !== "delivered").length;
  const answer = last.lastStatus ? `answered ${last.lastStatus}` : (last.lastError ?? "did not answer");
  return [
    {
      code: "webhook_failing",
      message: `Your webhook URL is failing: the last event ${answer}. ${failing} of the last ${tried.length} events tried are not delivered${last.status === "dead" ? " (given up on: send them again once it is fixed)" : " (they are being retried)"}.`,
      fix: { section: "settings", item: null, label: "Check the webhook URL" },
    },
  ];
}

function secretProblems({ site }: SiteConfig, hooks: HookSeen[]): Problem[] {
  const problems: Problem[] = [];
  const settings = { section: "settings" as const, item: null };
  if (site.payments === "stripe" && !site.secrets["stripe-api-key"]) {
    problems.push({
      code: "secret_missing",
      message:
        "Payments are set to Stripe, but the site has no Stripe API key: accepted offers cannot be charged.",
      fix: { ...settings, label: "Add the Stripe API key" },
    });
  }
  if (site.payments === "woocommerce" && !site.secrets["woocommerce-api"]) {
    problems.push({
      code: "secret_missing",
      message:
        "Payments are set to WooCommerce, but the site has no WooCommerce REST API connection: accepted offers cannot be billed.",
      fix: { ...settings, label: "Connect WooCommerce" },
    });
  }
  if (
    !site.secrets.stripe &&
    hooks.some((hook) => hook.source === "stripe" && hook.outcome === "missing_secret")
  ) {
    problems.push({
      code: "secret_missing",
      message:
        "Stripe sends this site its orders, but the site has no Stripe signing secret: every delivery is refused.",
      fix: { ...settings, label: "Paste Stripe's signing secret" },
    });
  }
  return problems;
}

/** Problems the server can see for itself, most blocking first: each a sentence and where to fix it. */
export function siteProblems({ config, hooks, deliveries, currencies }: SiteFacts): Problem[] {
  const problems: Problem[] = [];
  if (!config.offers.some(showsFirst)) {
    problems.push({
      code: "no_active_offer",
      message: "No offer is active: buyers are shown nothing.",
      fix: { section: "offers", item: "new", label: "Create an offer" },
    });
  }
  const realOrder = hooks.some(
    (hook) => !hook.test && !["bad_signature", "missing_secret"].includes(hook.outcome),
  );
  if (!realOrder && currencies.length === 0) {
    problems.push({
      code: "no_orders_yet",
      message:
        "No order from your shop has reached Aquarium yet: point your shop's order webhook at this site's webhook URL (see Set-up), or send a test order to try the rest.",
      fix: { section: "settings", item: null, label: "See the set-up steps" },
    });
  }
  return [
    ...problems,
    ...secretProblems(config, hooks),
    ...webhookFailing(deliveries),
    ...catchAll(config.offers),
    ...offerProblems(config, currencies),
  ];
}
