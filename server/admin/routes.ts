import { Hono } from "hono";
import type { MeAnswer } from "../contract/index.ts";
import type { AppDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { limitBody } from "../http/body.ts";
import {
  type AdminEnv,
  adminAuth,
  canSee,
  loginRoutes,
  logoutEverywhere,
  sameOriginWrites,
} from "./auth.routes.ts";
import { cockpitRoutes } from "./cockpit.routes.ts";
import { deliveryRoutes } from "./deliveries.routes.ts";
import { insightRoutes } from "./insights.routes.ts";
import { offerRoutes } from "./offers.routes.ts";
import { productRoutes } from "./products.routes.ts";
import { siteRoutes } from "./sites.routes.ts";

/**
 * `/admin/api/*`. Login first (it sets the cookie the admin app uses); everything else needs the login
 * cookie or a bearer token, and a site's products, offers and figures are nested under it.
 */
export function adminApi(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.use(limitBody(64 * 1024));
  app.use(sameOriginWrites(deps.config.publicUrl));
  app.route("/", loginRoutes(deps));
  app.use(adminAuth(deps));

  app.get("/me", (c) => c.json({ scope: c.var.scope } satisfies MeAnswer));
  app.post("/logout-everywhere", logoutEverywhere(deps));
  app.use(
    "/sites/:site/:part{products|offers|stats|snippet|deliveries|cockpit|test-orders}/*",
    async (c, next) => {
      const siteId = c.req.param("site");
      if (!canSee(c, siteId) || !(await deps.store.sites.get(siteId)))
        throw new AppError("not_found", "No such site.");
      c.set("siteId", siteId);
      await next();
    },
  );
  app.route("/sites/:site/products", productRoutes(deps));
  app.route("/sites/:site/offers", offerRoutes(deps));
  app.route("/sites/:site/deliveries", deliveryRoutes(deps));
  app.route("/sites/:site", insightRoutes(deps));
  app.route("/sites/:site", cockpitRoutes(deps));
  app.route("/sites", siteRoutes(deps));
  return app;
}
