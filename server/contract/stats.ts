import * as z from "zod/mini";
import { Currency } from "./money.ts";
import { PaymentStatus } from "./payment.ts";

/** The days a stats query covers, both included (`?from=YYYY-MM-DD&to=YYYY-MM-DD`). */
export const StatsPeriod = z.object({ from: z.iso.date(), to: z.iso.date() });
export type StatsPeriod = z.infer<typeof StatsPeriod>;

/** A page of the orders shown an offer over a period (`?from&to&page`, pages counted from 1). */
export const ShownOrdersQuery = z.object({
  ...z.partial(StatsPeriod).shape,
  page: z.optional(
    z.pipe(
      z.string().check(z.regex(/^[1-9][0-9]{0,5}$/, "must be a page number, 1 or more")),
      z.transform(Number),
    ),
  ),
});
export type ShownOrdersQuery = z.infer<typeof ShownOrdersQuery>;

const Count = z.int().check(z.nonnegative());

/**
 * What offers brought in from orders in one currency, in its minor units; amounts in several currencies are
 * never added together. `shown`, `accepted` and `declined` count the offers shown to orders in this currency;
 * `paid` is what was paid, net of refunds (what it earned); `pending` accepted but not paid yet (the seller bills,
 * or the buyer is still to pay); `refunded` what was given back; `perShown` is `paid` per offer shown, rounded to
 * the minor unit.
 */
export const Earnings = z.object({
  currency: Currency,
  shown: Count,
  accepted: Count,
  declined: Count,
  paid: Count,
  pending: Count,
  refunded: Count,
  perShown: Count,
});
export type Earnings = z.infer<typeof Earnings>;

/** Offers shown, their answers, the accept rate (0 to 1) and the money, per currency. */
const figures = {
  shown: Count,
  accepted: Count,
  declined: Count,
  acceptRate: z.number(),
  revenue: z.array(Earnings),
};
export const Figures = z.object(figures);
export type Figures = z.infer<typeof Figures>;

/** One offer's figures; `name` is the seller's name for it. */
export const OfferStats = z.object({ offerId: z.string(), name: z.string(), ...figures });
export type OfferStats = z.infer<typeof OfferStats>;

/** The figures of a funnel's step: 1 the first offer an order is shown, 2 and 3 the offers after it. */
export const StepStats = z.object({ step: z.int().check(z.minimum(1), z.maximum(3)), ...figures });
export type StepStats = z.infer<typeof StepStats>;

/** A site's figures on one UTC day (YYYY-MM-DD), by the day the offers were shown. */
export const DayStats = z.object({ day: z.string(), ...figures });
export type DayStats = z.infer<typeof DayStats>;

/**
 * `GET /admin/api/sites/:site/stats`: what the offers shown over a period did, counted by the day each was
 * shown. `orders` is how many orders were shown at least one offer; `revenue` has an entry for every currency of
 * the catalogue (at zero if nothing was sold in it), with the revenue added per order shown an offer.
 */
export const StatsAnswer = z.object({
  from: z.string(),
  to: z.string(),
  totals: z.object({ ...figures, orders: Count }),
  revenue: z.array(z.extend(Earnings, { orders: Count, perOrder: Count })),
  steps: z.array(StepStats),
  offers: z.array(OfferStats),
  days: z.array(DayStats),
});
export type StatsAnswer = z.infer<typeof StatsAnswer>;

/** One offer an order was shown, and what came of it: no answer (null), declined, or accepted and its payment. */
export const ShownOffer = z.object({
  step: z.int().check(z.minimum(1), z.maximum(3)),
  offerId: z.string(),
  /** The seller's name for the offer, and the title the buyer read. */
  name: z.string(),
  title: z.string(),
  /** The unit price shown, in minor units of the order's currency (null if not recorded). */
  price: z.nullable(Count),
  shownAt: z.string(),
  action: z.nullable(z.enum(["accept", "decline"])),
  quantity: z.nullable(Count),
  /** What the accept charged (price × quantity), its payment's state and what was refunded of it. */
  amount: z.nullable(Count),
  payment: z.nullable(PaymentStatus),
  refunded: Count,
});
export type ShownOffer = z.infer<typeof ShownOffer>;

/** An order shown an offer: the platform's own order reference, when and what it was shown, in its currency. */
export const ShownOrder = z.object({
  order: z.string(),
  source: z.string(),
  currency: Currency,
  shownAt: z.string(),
  offers: z.array(ShownOffer),
});
export type ShownOrder = z.infer<typeof ShownOrder>;

/** `GET /admin/api/sites/:site/stats/orders`: a page of the orders shown an offer, the latest first. */
export const ShownOrdersAnswer = z.object({
  from: z.string(),
  to: z.string(),
  page: Count,
  pages: Count,
  total: Count,
  orders: z.array(ShownOrder),
});
export type ShownOrdersAnswer = z.infer<typeof ShownOrdersAnswer>;
