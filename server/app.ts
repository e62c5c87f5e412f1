import { Hono } from "hono";
import pkg from "../package.json" with { type: "json" };
import { adminApp } from "./admin/app.ts";
import { adminApi } from "./admin/routes.ts";
import type { AppDeps, Deps } from "./deps.ts";
import { previewRoutes } from "./embed/preview.routes.ts";
import { embedRoutes } from "./embed/routes.ts";
import { errorHandler, notFound } from "./http/errors.ts";
import { answerHeaders } from "./http/headers.ts";
import { healthRoutes } from "./http/health.ts";
import { openApiDocument } from "./http/openapi/document.ts";
import { requestLog } from "./http/request-log.ts";
import { orderHooks } from "./orders/routes.ts";
import { paymentRoutes } from "./payments/routes.ts";
import { memoryCounters } from "./rate-limit.ts";
import { buildServices } from "./services.ts";
import { sessionRoutes } from "./sessions/routes.ts";

/**
 * The whole HTTP surface, as a web-standard `fetch` handler; `serve.ts` puts it on a port.
 * `extra` mounts more apps by path, on the same port (the demo's shop).
 */
export function createApp(given: Deps, extra: Record<string, Hono> = {}): Hono {
  // Several instances share one PostgreSQL, so their limits are counted there; one SQLite process counts in memory.
  const deps: AppDeps = {
    ...given,
    counters:
      given.counters ?? (given.store?.engine === "postgres" ? given.store.counters : memoryCounters()),
    services: given.services ?? buildServices(given),
  };
  // Not strict: "/shop" and "/shop/" are one page, as sellers' platforms write both.
  const app = new Hono({ strict: false });
  app.onError(errorHandler(deps.logger));
  app.notFound(notFound);
  app.use(requestLog(deps.logger));
  app.use(
    answerHeaders({
      https: deps.config.publicUrl.startsWith("https:"),
      stopping: () => deps.lifecycle?.stopping ?? false,
    }),
  );

  app.route(
    "/",
    healthRoutes(deps.store, deps.logger, () => deps.lifecycle?.stopping ?? false),
  );
  app.get("/robots.txt", (c) => c.text("User-agent: *\nDisallow: /\n"));
  const document = openApiDocument(deps.config.publicUrl, pkg.version);
  app.get("/openapi.json", (c) => c.json(document));

  app.route("/", embedRoutes(deps.bundle ?? null));
  app.route("/preview", previewRoutes(deps.bundle ?? null));
  app.route("/v1/hooks", orderHooks(deps));
  app.route("/v1/sessions", sessionRoutes(deps));
  app.route("/v1/payments", paymentRoutes(deps));
  for (const [path, routes] of Object.entries(extra)) app.route(path, routes);
  app.route("/admin/api", adminApi(deps));
  // An unknown API path is a 404 envelope, never the admin app's page.
  app.all("/admin/api/*", notFound);
  app.route("/admin", adminApp());
  return app;
}
