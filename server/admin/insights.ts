import type { Earnings, Figures, SnippetAnswer, StatsAnswer, StatsPeriod } from "../contract/index.ts";
import { type Bundle, snippet } from "../embed/bundle.ts";
import { AppError } from "../errors.ts";
import type { StatsCell, Store } from "../store/store.ts";

const DAY = 86_400_000;

/** The snippet a seller pastes into the thank-you page, with its SRI hash, and the site's webhook URLs. */
export function snippetFor(
  bundle: Bundle | null | undefined,
  publicUrl: string,
  siteId: string,
): SnippetAnswer {
  if (!bundle) throw new AppError("not_found", "The widget is not built: run `npm run build`.");
  return {
    snippet: snippet(bundle, publicUrl, siteId),
    src: `${publicUrl}/aquarium.${bundle.hash}.js`,
    integrity: bundle.integrity,
    webhooks: {
      woocommerce: `${publicUrl}/v1/hooks/woocommerce/${siteId}`,
      stripe: `${publicUrl}/v1/hooks/stripe/${siteId}`,
      orders: `${publicUrl}/v1/hooks/orders/${siteId}`,
    },
  };
}

/** A period in epoch ms, [from, to), and its days as written: both days included; the 30 days to today by default. */
export interface Period {
  from: number;
  to: number;
  days: { from: string; to: string };
}

export function periodOf(period: Partial<StatsPeriod>, now: number): Period {
  const today = Math.floor(now / DAY) * DAY;
  const to = (period.to ? Date.parse(period.to) : today) + DAY;
  const from = period.from ? Date.parse(period.from) : to - 30 * DAY;
  if (from >= to) {
    throw new AppError("invalid_request", "from: must be on or before to.", {
      fields: { from: "must be on or before to" },
    });
  }
  if (to - from > 366 * DAY) throw new AppError("invalid_request", "The period is at most a year.");
  const day = (time: number) => new Date(time).toISOString().slice(0, 10);
  return { from, to, days: { from: day(from), to: day(to - DAY) } };
}

/** The seller's name of each offer of the site, those deleted (still restorable) said to be. */
export async function offerNames(store: Store, siteId: string): Promise<Map<string, string>> {
  const [live, deleted] = await Promise.all([store.offers.list(siteId), store.offers.deleted(siteId)]);
  return new Map([
    ...deleted.map((offer): [string, string] => [offer.id, `${offer.name} (deleted)`]),
    ...live.map((offer): [string, string] => [offer.id, offer.name]),
  ]);
}

/** `part` per `whole`, or 0 when there is no whole (no offer shown, no order). */
export const per = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);

const nothingIn = (currency: string): Omit<Earnings, "perShown"> => ({
  currency,
  shown: 0,
  accepted: 0,
  declined: 0,
  paid: 0,
  pending: 0,
  refunded: 0,
});

/** Figures being added up: counts, and money kept apart per currency. */
class Tally {
  shown = 0;
  accepted = 0;
  declined = 0;
  readonly money = new Map<string, Omit<Earnings, "perShown">>();

  add(cell: StatsCell): void {
    this.shown += cell.shown;
    this.accepted += cell.accepted;
    this.declined += cell.declined;
    const money = this.money.get(cell.currency) ?? nothingIn(cell.currency);
    for (const key of ["shown", "accepted", "declined", "paid", "pending", "refunded"] as const)
      money[key] += cell[key];
    this.money.set(cell.currency, money);
  }

  /** Each currency's money in code order, those of `currencies` that earned nothing at zero. */
  figures(currencies: string[] = []): Figures {
    for (const currency of currencies)
      if (!this.money.has(currency)) this.money.set(currency, nothingIn(currency));
    const revenue = [...this.money.values()]
      .sort((a, b) => a.currency.localeCompare(b.currency))
      .map((money) => ({ ...money, perShown: Math.round(per(money.paid, money.shown)) }));
    return {
      shown: this.shown,
      accepted: this.accepted,
      declined: this.declined,
      acceptRate: per(this.accepted, this.shown),
      revenue,
    };
  }
}

/** The cells added up by `key`, in key order. */
function tallyBy<K extends string | number>(cells: StatsCell[], key: (cell: StatsCell) => K): [K, Figures][] {
  const tallies = new Map<K, Tally>();
  for (const cell of cells) {
    const tally = tallies.get(key(cell)) ?? new Tally();
    tally.add(cell);
    tallies.set(key(cell), tally);
  }
  return [...tallies.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, tally]) => [k, tally.figures()]);
}

/**
 * What a site's offers did over a period, counted by the day each was shown: shown, accepted, declined, the
 * accept rate and the money per currency (paid net of refunds, pending, refunded, per offer shown, per order shown
 * an offer), in all, per funnel step, per offer and per day.
 */
export async function siteStats(
  store: Store,
  siteId: string,
  period: Partial<StatsPeriod>,
  now: number,
): Promise<StatsAnswer> {
  const { from, to, days } = periodOf(period, now);
  const [cells, orders, names, products] = await Promise.all([
    store.stats.cells(siteId, from, to),
    store.stats.orders(siteId, from, to),
    offerNames(store, siteId),
    store.products.list(siteId),
  ]);
  const all = new Tally();
  for (const cell of cells) all.add(cell);
  // A currency the catalogue sells in shows as zero ("€0.00") rather than not at all.
  const totals = all.figures(products.map((product) => product.currency));
  const ordersIn = (currency: string) => orders.find((row) => row.currency === currency)?.orders ?? 0;
  return {
    ...days,
    totals: { ...totals, orders: orders.reduce((sum, row) => sum + row.orders, 0) },
    revenue: totals.revenue.map((money) => ({
      ...money,
      orders: ordersIn(money.currency),
      perOrder: Math.round(per(money.paid, ordersIn(money.currency))),
    })),
    steps: tallyBy(cells, (cell) => cell.step).map(([step, figures]) => ({ step, ...figures })),
    // The offers shown most first.
    offers: tallyBy(cells, (cell) => cell.offerId)
      .map(([offerId, figures]) => ({ offerId, name: names.get(offerId) ?? "(deleted offer)", ...figures }))
      .sort((a, b) => b.shown - a.shown || a.name.localeCompare(b.name)),
    days: tallyBy(cells, (cell) => cell.day).map(([day, figures]) => ({ day, ...figures })),
  };
}
