import { Hono } from "hono";
import type { AppDeps } from "../deps.ts";
import { limitBody } from "../http/body.ts";
import { receiveDelivery, SOURCES } from "./receive.ts";

/** Platforms' order payloads are a few KB; a quarter of a megabyte leaves room for large carts. */
const MAX_BODY = 256 * 1024;

/** `POST /v1/hooks/<platform>/:site`, one route per platform: the raw body, as signed, to the use case. */
export function orderHooks(deps: AppDeps): Hono {
  const useCase = { store: deps.store, logger: deps.logger, enrich: deps.services.stripe.enrich };
  const app = new Hono();
  for (const platform of Object.keys(SOURCES)) {
    app.post(`/${platform}/:site`, limitBody(MAX_BODY), async (c) =>
      c.json(
        await receiveDelivery(useCase, {
          platform,
          siteId: c.req.param("site"),
          raw: new Uint8Array(await c.req.arrayBuffer()),
          headers: c.req.raw.headers,
          now: deps.clock(),
        }),
      ),
    );
  }
  return app;
}
