import { Hono } from "hono";
import * as z from "zod/mini";
import { StatsPeriod } from "../contract/index.ts";
import type { Deps } from "../deps.ts";
import { validate } from "../parse.ts";
import type { AdminEnv } from "./auth.routes.ts";
import { siteStats, snippetFor } from "./insights.ts";

/** Both days are optional in the query: the last 30 days by default. */
const Period = z.partial(StatsPeriod);

/** What a site owner reads: the snippet to paste, and what the offers earned over a period. */
export function insightRoutes({ store, clock, bundle, config }: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.get("/snippet", (c) => c.json(snippetFor(bundle, config.publicUrl, c.var.siteId)));
  /** `?from=YYYY-MM-DD&to=YYYY-MM-DD`. */
  app.get("/stats", async (c) =>
    c.json(await siteStats(store, c.var.siteId, validate(Period, c.req.query()), clock())),
  );
  return app;
}
