import * as z from "zod/mini";
import { HookAnswer } from "./hooks.ts";
import { Currency, Minor } from "./money.ts";
import { OrderLine } from "./order.ts";

/*
 * "Is it working?": what a site's owner reads to see that the installation works. What arrived from the
 * shop's platform, what thank-you pages asked for, what the server sees wrong. Never a payload, never a
 * buyer's personal data: outcomes, times, origins and the platforms' own order ids.
 */

/** The platforms whose order webhooks a site may receive (`/v1/hooks/<source>/:site`). */
export const HookSource = z.enum(["woocommerce", "stripe", "orders"]);
export type HookSource = z.infer<typeof HookSource>;

/**
 * What became of one order webhook delivery. Received: `stored` (a paid order registered or updated),
 * `payment` (an accepted offer's payment moved on), `unknown_products` (stored, but none of its products is in
 * the catalogue), `ignored` (authentic, not a paid order: pending, on hold…), `duplicate`, `stale`, `ping`.
 * Refused: `bad_signature`, `missing_secret` (the site has no signing secret for this platform), `unreadable`
 * (signed, but not an order Aquarium can read), `failed` (the server could not store it; the platform retries).
 */
export const HookOutcome = z.enum([
  "stored",
  "payment",
  "unknown_products",
  "ignored",
  "duplicate",
  "stale",
  "ping",
  "bad_signature",
  "missing_secret",
  "unreadable",
  "failed",
]);
export type HookOutcome = z.infer<typeof HookOutcome>;

/** The outcomes of a delivery the server refused (the platform was answered 4xx or 5xx). */
export const REFUSED_HOOKS: readonly HookOutcome[] = [
  "bad_signature",
  "missing_secret",
  "unreadable",
  "failed",
];

/** One order webhook delivery, as the cockpit lists it. Times are ISO 8601. */
export const HookRecord = z.object({
  at: z.string(),
  source: HookSource,
  outcome: HookOutcome,
  /** False when the server refused the delivery. */
  verified: z.boolean(),
  /** The platform's own order id (WooCommerce order number, Checkout Session id), when the delivery named one. */
  order: z.nullable(z.string()),
  /** Made by "Send a test order". */
  test: z.boolean(),
  /** What happened, in a sentence a seller can act on. */
  message: z.string(),
});
export type HookRecord = z.infer<typeof HookRecord>;

/**
 * What one claim of a thank-you page got: `offer` (an offer was shown), or why not: `origin_refused` (the page's
 * origin is not among the site's), `order_not_found` (not heard of yet: a late or missing webhook, or a wrong
 * key), `order_not_paid`, `window_closed`, `other_browser` (another browser claimed the order first),
 * `no_active_offer`, `no_matching_offer` (no active offer's trigger holds for this order), `other_currency` (the
 * matching offer's product is priced in another currency), `already_bought` (the order holds the offered
 * product), `funnel_done` (every step was shown and decided), `payment_pending` (an accept's payment is in flight).
 */
export const ClaimOutcome = z.enum([
  "offer",
  "origin_refused",
  "order_not_found",
  "order_not_paid",
  "window_closed",
  "other_browser",
  "no_active_offer",
  "no_matching_offer",
  "other_currency",
  "already_bought",
  "funnel_done",
  "payment_pending",
]);
export type ClaimOutcome = z.infer<typeof ClaimOutcome>;

/** One claim by a thank-you page, as the cockpit lists it. */
export const ClaimRecord = z.object({
  at: z.string(),
  outcome: ClaimOutcome,
  /** How the page named its order (its secrets, keys and tokens are never kept). */
  reference: z.nullable(z.enum(["woocommerce", "stripe", "ref", "token"])),
  /** The platform's own order id, once the order was found. */
  order: z.nullable(z.string()),
  test: z.boolean(),
  message: z.string(),
});
export type ClaimRecord = z.infer<typeof ClaimRecord>;

/** The last deliveries from one platform, newest first. */
export const HookLog = z.object({ source: HookSource, deliveries: z.array(HookRecord) });
export type HookLog = z.infer<typeof HookLog>;

/** The last claims from one origin (`null`: a request that sent none), newest first. */
export const ClaimLog = z.object({
  origin: z.nullable(z.string()),
  /** Whether the origin is among the site's allowed origins. */
  allowed: z.boolean(),
  /** For a refused origin: what to do about it ("https://www.fish.example is not among … add it?"). */
  advice: z.nullable(z.string()),
  claims: z.array(ClaimRecord),
});
export type ClaimLog = z.infer<typeof ClaimLog>;

/** Where in the admin a problem is fixed: a site's section, and the item in it (an offer, a product). */
export const FixLink = z.object({
  section: z.enum(["settings", "products", "offers", "cockpit"]),
  item: z.nullable(z.string()),
  label: z.string(),
});
export type FixLink = z.infer<typeof FixLink>;

export const ProblemCode = z.enum([
  "no_active_offer",
  "catch_all_offer",
  "currency_unseen",
  "discount_too_big",
  "webhook_failing",
  "funnel_step_inactive",
  "secret_missing",
  "no_orders_yet",
]);
export type ProblemCode = z.infer<typeof ProblemCode>;

/** Something the server can see is wrong (or not set up yet), in a plain sentence, with where to fix it. */
export const Problem = z.object({ code: ProblemCode, message: z.string(), fix: FixLink });
export type Problem = z.infer<typeof Problem>;

/** `GET /admin/api/sites/:site/cockpit`: problems, the last order deliveries per platform, the last claims per origin. */
export const CockpitAnswer = z.object({
  problems: z.array(Problem),
  hooks: z.array(HookLog),
  claims: z.array(ClaimLog),
});
export type CockpitAnswer = z.infer<typeof CockpitAnswer>;

/**
 * `POST /admin/api/sites/:site/test-orders`: a signed test order through one of the site's order webhooks
 * (the one it last received from when absent). Its lines are chosen so that the site's first offer applies.
 */
export const TestOrderInput = z.strictObject({ source: z.optional(HookSource) });
export type TestOrderInput = z.infer<typeof TestOrderInput>;

export const TestOrderAnswer = z.object({
  order: z.object({
    source: HookSource,
    id: z.string(),
    total: Minor,
    currency: Currency,
    lines: z.array(OrderLine),
  }),
  /** What the webhook answered, as the platform would have been answered. */
  result: HookAnswer.shape.result,
  /** A thank-you page on this server for the test order, with the site's snippet: the offer a buyer would see. */
  previewUrl: z.string(),
});
export type TestOrderAnswer = z.infer<typeof TestOrderAnswer>;
