import type { SnippetAnswer, StatsAnswer, StatsPeriod } from "../contract/index.ts";
import { type Bundle, snippet } from "../embed/bundle.ts";
import { AppError } from "../errors.ts";
import type { Store } from "../store/store.ts";

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

/**
 * What a site's offers did over a period (both days included; the 30 days to today when not given): shown,
 * accepted, declined and the accept rate in all, per offer and per day, and the revenue per currency.
 */
export async function siteStats(
  store: Store,
  siteId: string,
  period: Partial<StatsPeriod>,
  now: number,
): Promise<StatsAnswer> {
  const today = Math.floor(now / DAY) * DAY;
  const to = (period.to ? Date.parse(period.to) : today) + DAY;
  const from = period.from ? Date.parse(period.from) : to - 30 * DAY;
  if (from >= to) {
    throw new AppError("invalid_request", "from: must be on or before to.", {
      fields: { from: "must be on or before to" },
    });
  }
  if (to - from > 366 * DAY) throw new AppError("invalid_request", "The period is at most a year.");

  const [{ offers, days }, configs] = await Promise.all([
    store.stats.site(siteId, from, to),
    store.offers.list(siteId),
  ]);
  const rate = (accepted: number, shown: number) => (shown > 0 ? accepted / shown : 0);
  const rows = offers.map((row) => ({
    ...row,
    name: configs.find((offer) => offer.id === row.offerId)?.name ?? "(deleted offer)",
    acceptRate: rate(row.accepted, row.shown),
  }));
  const sum = (key: "shown" | "accepted" | "declined") => rows.reduce((total, row) => total + row[key], 0);
  const totals = { shown: sum("shown"), accepted: sum("accepted"), declined: sum("declined") };
  return {
    from: new Date(from).toISOString().slice(0, 10),
    to: new Date(to - DAY).toISOString().slice(0, 10),
    totals: { ...totals, acceptRate: rate(totals.accepted, totals.shown) },
    revenue: Object.entries(
      Object.groupBy(
        rows.filter((row) => row.currency),
        (row) => row.currency as string,
      ),
    ).map(([currency, group]) => {
      const sum = (key: "revenue" | "pending" | "refunded") =>
        (group ?? []).reduce((total, row) => total + row[key], 0);
      return { currency, amount: sum("revenue"), pending: sum("pending"), refunded: sum("refunded") };
    }),
    offers: rows,
    days,
  };
}
