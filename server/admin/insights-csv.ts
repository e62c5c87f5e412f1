import type { Earnings, Figures, ShownOrder, StatsAnswer } from "../contract/index.ts";
import { toDecimal } from "../orders/money.ts";
import { CSV_START, type CsvCell, csvRow } from "./csv.ts";
import { per } from "./insights.ts";

/** An amount in major units ("66.75"), as a spreadsheet reads it; its currency is in a column of its own. */
const major = (minor: number | null, currency: string): CsvCell =>
  minor === null ? null : toDecimal(minor, currency);
/** A rate as a percentage with two decimals (33.33). */
const percent = (rate: number): number => Math.round(rate * 10_000) / 100;

const STATS_HEADER = [
  "Section",
  "Name",
  "Currency",
  "Shown",
  "Accepted",
  "Declined",
  "Accept rate (%)",
  "Paid, net of refunds",
  "Pending",
  "Refunded",
  "Revenue per offer shown",
  "Orders shown an offer",
  "Revenue per order shown an offer",
];

/** One row per currency of a group of figures: counts and money in that currency alone, never added across. */
function figureRows(
  section: string,
  name: string,
  figures: Figures,
  orders?: Map<string, { orders: number; perOrder: number }>,
): string[] {
  return figures.revenue.map((money: Earnings) =>
    csvRow([
      section,
      name,
      money.currency,
      money.shown,
      money.accepted,
      money.declined,
      percent(per(money.accepted, money.shown)),
      major(money.paid, money.currency),
      major(money.pending, money.currency),
      major(money.refunded, money.currency),
      major(money.perShown, money.currency),
      orders?.get(money.currency)?.orders ?? null,
      major(orders?.get(money.currency)?.perOrder ?? null, money.currency),
    ]),
  );
}

/** The stats as one CSV table: the whole period, then each funnel step, each offer and each day, per currency. */
export function statsCsv(stats: StatsAnswer): string {
  const orders = new Map(stats.revenue.map((money) => [money.currency, money]));
  return [
    CSV_START,
    csvRow(STATS_HEADER),
    ...figureRows("All offers", `${stats.from} to ${stats.to}`, stats.totals, orders),
    ...stats.steps.flatMap((step) => figureRows("Funnel step", `Step ${step.step}`, step)),
    ...stats.offers.flatMap((offer) => figureRows("Offer", offer.name, offer)),
    ...stats.days.flatMap((day) => figureRows("Day", day.day, day)),
  ].join("");
}

const ORDERS_HEADER = [
  "Order",
  "Platform",
  "Shown at (UTC)",
  "Step",
  "Offer",
  "Title shown",
  "Currency",
  "Price shown",
  "Decision",
  "Quantity",
  "Amount",
  "Payment",
  "Refunded",
];

const DECISION = { accept: "accepted", decline: "declined" } as const;

/** The order list as CSV, a row per offer shown to an order, written as the orders are read. */
export async function* ordersCsv(orders: AsyncIterable<ShownOrder>): AsyncGenerator<string> {
  yield CSV_START + csvRow(ORDERS_HEADER);
  for await (const order of orders) {
    for (const offer of order.offers) {
      yield csvRow([
        order.order,
        order.source,
        offer.shownAt,
        offer.step,
        offer.name,
        offer.title,
        order.currency,
        major(offer.price, order.currency),
        offer.action ? DECISION[offer.action] : "no answer",
        offer.quantity,
        major(offer.amount, order.currency),
        offer.payment,
        offer.action === "accept" ? major(offer.refunded, order.currency) : null,
      ]);
    }
  }
}
