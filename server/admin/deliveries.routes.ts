import { Hono } from "hono";
import type { DeliveriesAnswer, DeliveryAnswer } from "../contract/index.ts";
import type { Deps } from "../deps.ts";
import type { AdminEnv } from "./auth.routes.ts";
import { resendDelivery, siteDeliveries } from "./deliveries.ts";

/** `/sites/:site/deliveries`: the seller's webhook log, and "send again". */
export function deliveryRoutes({ store, clock }: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.get("/", async (c) =>
    c.json({ deliveries: await siteDeliveries(store, c.var.siteId) } satisfies DeliveriesAnswer),
  );
  app.post("/:id/resend", async (c) =>
    c.json({
      delivery: await resendDelivery(store, c.var.siteId, c.req.param("id"), clock()),
    } satisfies DeliveryAnswer),
  );
  return app;
}
