import { Hono } from "hono";
import * as z from "zod/mini";
import { StatsPeriod } from "../contract/index.ts";
import type { Deps } from "../deps.ts";
import { snippet } from "../embed/bundle.ts";
import { AppError } from "../errors.ts";
import { validate } from "../http/body.ts";
import type { AdminEnv } from "./auth.ts";

const DAY = 86_400_000;
/** Both days are optional in the query: the last 30 days by default. */
const Period = z.partial(StatsPeriod);

/** What a site owner reads: the snippet to paste, and what the offers earned over a period. */
export function insightRoutes({ store, clock, bundle, config }: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get("/snippet", (c) => {
    if (!bundle) throw new AppError("not_found", "The widget is not built: run `npm run build`.");
    return c.json({
      snippet: snippet(bundle, config.publicUrl, c.var.siteId),
      src: `${config.publicUrl}/aquarium.${bundle.hash}.js`,
      integrity: bundle.integrity,
      webhooks: {
        woocommerce: `${config.publicUrl}/v1/hooks/woocommerce/${c.var.siteId}`,
        stripe: `${config.publicUrl}/v1/hooks/stripe/${c.var.siteId}`,
        orders: `${config.publicUrl}/v1/hooks/orders/${c.var.siteId}`,
      },
    });
  });

  /** `?from=YYYY-MM-DD&to=YYYY-MM-DD` (both days included; the last 30 days by default). */
  app.get("/stats", async (c) => {
    const query = validate(Period, c.req.query());
    const today = Math.floor(clock() / DAY) * DAY;
    const to = (query.to ? Date.parse(query.to) : today) + DAY;
    const from = query.from ? Date.parse(query.from) : to - 30 * DAY;
    if (from >= to) {
      throw new AppError("invalid_request", "from: must be on or before to.", {
        fields: { from: "must be on or before to" },
      });
    }
    if (to - from > 366 * DAY) throw new AppError("invalid_request", "The period is at most a year.");

    const [{ offers, days }, configs] = await Promise.all([
      store.stats.site(c.var.siteId, from, to),
      store.offers.list(c.var.siteId),
    ]);
    const rate = (accepted: number, shown: number) => (shown > 0 ? accepted / shown : 0);
    const rows = offers.map((row) => ({
      ...row,
      name: configs.find((offer) => offer.id === row.offerId)?.name ?? "(deleted offer)",
      acceptRate: rate(row.accepted, row.shown),
    }));
    const sum = (key: "shown" | "accepted" | "declined") => rows.reduce((total, row) => total + row[key], 0);
    const totals = { shown: sum("shown"), accepted: sum("accepted"), declined: sum("declined") };
    return c.json({
      from: new Date(from).toISOString().slice(0, 10),
      to: new Date(to - DAY).toISOString().slice(0, 10),
      totals: { ...totals, acceptRate: rate(totals.accepted, totals.shown) },
      revenue: Object.entries(
        Object.groupBy(
          rows.filter((row) => row.currency),
          (row) => row.currency as string,
        ),
      ).map(([currency, group]) => ({
        currency,
        amount: (group ?? []).reduce((total, row) => total + row.revenue, 0),
      })),
      offers: rows,
      days,
    });
  });

  return app;
}
