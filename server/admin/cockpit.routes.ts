import { Hono } from "hono";
import { type CockpitAnswer, type TestOrderAnswer, TestOrderInput } from "../contract/index.ts";
import type { Deps } from "../deps.ts";
import { readJson } from "../http/body.ts";
import type { AdminEnv } from "./auth.routes.ts";
import { siteCockpit } from "./cockpit.ts";
import { sendTestOrder } from "./test-order.ts";

/** `/sites/:site/cockpit` ("Is it working?") and `/sites/:site/test-orders` ("Send a test order"). */
export function cockpitRoutes({ store, clock, config, logger }: Deps): Hono<AdminEnv> {
  const ownOrigin = new URL(config.publicUrl).origin;
  const app = new Hono<AdminEnv>();
  app.get("/cockpit", async (c) =>
    c.json((await siteCockpit(store, c.var.siteId, { now: clock(), ownOrigin })) satisfies CockpitAnswer),
  );
  app.post("/test-orders", async (c) => {
    const input = await readJson(c, TestOrderInput);
    const deps = { store, logger, publicUrl: config.publicUrl };
    return c.json((await sendTestOrder(deps, c.var.siteId, input, clock())) satisfies TestOrderAnswer, 201);
  });
  return app;
}
