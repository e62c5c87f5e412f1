import type { ShownOffer, ShownOrder, ShownOrdersAnswer, ShownOrdersQuery } from "../contract/index.ts";
import type { ShownOfferRow, Store } from "../store/store.ts";
import { offerNames, type Period, periodOf } from "./insights.ts";

/** How many orders a page of the list holds. */
export const ORDERS_PER_PAGE = 50;

const iso = (time: number) => new Date(time).toISOString();

/** The title and unit price the buyer was shown, from the impression's snapshot (older ones have none). */
function shownAs(snapshot: string | null): { title: string | null; price: number | null } {
  if (!snapshot) return { title: null, price: null };
  try {
    const offer = JSON.parse(snapshot) as { title?: unknown; price?: unknown };
    return {
      title: typeof offer.title === "string" ? offer.title : null,
      price: Number.isSafeInteger(offer.price) ? (offer.price as number) : null,
    };
  } catch {
    return { title: null, price: null };
  }
}

/** The order list's offers named as the seller knows them now, and titled and priced as the buyer saw them. */
export function namedOffers(rows: ShownOfferRow[], names: Map<string, string>): ShownOffer[] {
  return rows.map((row) => {
    const shown = shownAs(row.snapshot);
    const name = names.get(row.offerId) ?? shown.title ?? "(deleted offer)";
    return {
      step: row.step,
      offerId: row.offerId,
      name,
      title: shown.title ?? name,
      price: shown.price,
      shownAt: iso(row.shownAt),
      action: row.action,
      quantity: row.action === "accept" ? row.quantity : null,
      amount: row.action === "accept" ? row.amount : null,
      payment: row.payment,
      refunded: row.refunded,
    };
  });
}

/** A page of the orders shown an offer over [from, to), the latest first, as the seller reads them. */
async function pageOf(
  store: Store,
  siteId: string,
  period: Period,
  page: number,
  perPage: number,
): Promise<ShownOrder[]> {
  const [rows, names] = await Promise.all([
    store.stats.shownOrders(siteId, period.from, period.to, { limit: perPage, offset: (page - 1) * perPage }),
    offerNames(store, siteId),
  ]);
  return rows.map((row) => ({
    order: row.externalId,
    source: row.source,
    currency: row.currency,
    shownAt: iso(row.shownAt),
    offers: namedOffers(row.offers, names),
  }));
}

/** One page of the orders shown an offer (`page`, from 1), the latest first, and how many there are in all. */
export async function shownOrders(
  store: Store,
  siteId: string,
  query: ShownOrdersQuery,
  now: number,
): Promise<ShownOrdersAnswer> {
  const period = periodOf(query, now);
  const page = query.page ?? 1;
  const [counts, orders] = await Promise.all([
    store.stats.orders(siteId, period.from, period.to),
    pageOf(store, siteId, period, page, ORDERS_PER_PAGE),
  ]);
  const total = counts.reduce((sum, row) => sum + row.orders, 0);
  return { ...period.days, page, pages: Math.ceil(total / ORDERS_PER_PAGE), total, orders };
}

/** Every order shown an offer over the period, the latest first, read a few hundred at a time (the export). */
export async function* everyShownOrder(
  store: Store,
  siteId: string,
  period: Period,
): AsyncGenerator<ShownOrder> {
  const perPage = 500;
  for (let page = 1; ; page++) {
    const orders = await pageOf(store, siteId, period, page, perPage);
    yield* orders;
    if (orders.length < perPage) return;
  }
}
