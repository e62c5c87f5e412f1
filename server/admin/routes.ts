import { Hono } from "hono";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { limitBody } from "../http/body.ts";
import { adminAuth } from "./auth.ts";
import { offerRoutes } from "./offers.ts";
import { productRoutes } from "./products.ts";
import { siteRoutes } from "./sites.ts";

/** `/admin/api/*`: everything behind the admin token; a site's products and offers nested under it. */
export function adminApi(deps: Deps): Hono<{ Variables: { siteId: string } }> {
  const app = new Hono<{ Variables: { siteId: string } }>();
  app.use(adminAuth(deps.config.adminToken));
  app.use(limitBody(64 * 1024));

  app.use("/sites/:site/:collection{products|offers}/*", async (c, next) => {
    const siteId = c.req.param("site");
    if (!(await deps.store.sites.get(siteId))) throw new AppError("not_found", "No such site.");
    c.set("siteId", siteId);
    await next();
  });
  app.route("/sites/:site/products", productRoutes(deps));
  app.route("/sites/:site/offers", offerRoutes(deps));
  app.route("/sites", siteRoutes(deps));
  return app;
}
