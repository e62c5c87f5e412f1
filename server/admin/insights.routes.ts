import { Hono } from "hono";
import * as z from "zod/mini";
import { ShownOrdersQuery, StatsPeriod } from "../contract/index.ts";
import type { Deps } from "../deps.ts";
import { validate } from "../parse.ts";
import type { AdminEnv } from "./auth.routes.ts";
import { periodOf, siteStats, snippetFor } from "./insights.ts";
import { ordersCsv, statsCsv } from "./insights-csv.ts";
import { everyShownOrder, shownOrders } from "./insights-orders.ts";

/** Both days are optional in the query: the last 30 days by default. */
const Period = z.partial(StatsPeriod);

/** A CSV file the browser saves under `name` rather than shows. */
const csvHeaders = (name: string) => ({
  "content-type": "text/csv; charset=utf-8",
  "content-disposition": `attachment; filename="${name}"`,
});

/** Text made a piece at a time, sent as it is made: a year of orders is never held in memory whole. */
function streamOf(pieces: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const next = await pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await pieces.return(undefined);
    },
  });
}

/** What a site owner reads: the snippet to paste, and what the offers earned over a period, also as CSV. */
export function insightRoutes({ store, clock, bundle, config }: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.get("/snippet", (c) => c.json(snippetFor(bundle, config.publicUrl, c.var.siteId)));
  /** `?from=YYYY-MM-DD&to=YYYY-MM-DD`. */
  app.get("/stats", async (c) =>
    c.json(await siteStats(store, c.var.siteId, validate(Period, c.req.query()), clock())),
  );
  app.get("/stats/figures.csv", async (c) => {
    const stats = await siteStats(store, c.var.siteId, validate(Period, c.req.query()), clock());
    return c.body(
      statsCsv(stats),
      200,
      csvHeaders(`aquarium-stats-${c.var.siteId}-${stats.from}-to-${stats.to}.csv`),
    );
  });
  /** `?from&to&page`: 50 orders a page, the latest first. */
  app.get("/stats/orders", async (c) =>
    c.json(await shownOrders(store, c.var.siteId, validate(ShownOrdersQuery, c.req.query()), clock())),
  );
  app.get("/stats/orders.csv", (c) => {
    // The period is checked before the first byte: a bad one is still a 400 with the envelope.
    const period = periodOf(validate(Period, c.req.query()), clock());
    const lines = ordersCsv(everyShownOrder(store, c.var.siteId, period));
    return c.body(
      streamOf(lines),
      200,
      csvHeaders(`aquarium-orders-${c.var.siteId}-${period.days.from}-to-${period.days.to}.csv`),
    );
  });
  return app;
}
