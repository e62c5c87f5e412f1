import { Hono } from "hono";
import type { OrderSource, SecretKind } from "../contract/index.ts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { limitBody } from "../http/body.ts";
import { verifyGeneric } from "./generic.ts";
import { verifyStripe } from "./stripe.ts";
import type { Incoming, Verified } from "./verified.ts";
import { isWooCommercePing, verifyWooCommerce } from "./woocommerce.ts";

interface Hook {
  source: OrderSource;
  secret: SecretKind;
  verify(incoming: Incoming): Verified;
}

/** The path segment of each order webhook, `/v1/hooks/<name>/:site`. */
const HOOKS: Record<string, Hook> = {
  woocommerce: { source: "woocommerce", secret: "woocommerce", verify: verifyWooCommerce },
  stripe: { source: "stripe", secret: "stripe", verify: verifyStripe },
  orders: { source: "orders", secret: "orders", verify: verifyGeneric },
};

/** Platforms' order payloads are a few KB; a quarter of a megabyte leaves room for large carts. */
const MAX_BODY = 256 * 1024;

/**
 * `POST /v1/hooks/:hook/:site`: verify the signature over the raw body, then dedupe and store.
 * An unknown site and a site without that secret are one and the same 404.
 */
export function orderHooks({ store, clock, logger }: Deps): Hono {
  const app = new Hono();
  app.post("/:hook/:site", limitBody(MAX_BODY), async (c) => {
    const hook = HOOKS[c.req.param("hook")];
    const siteId = c.req.param("site");
    const secret = hook ? await store.sites.secret(siteId, hook.secret) : null;
    if (!hook || !secret) throw new AppError("not_found", "No such webhook.");

    const raw = await c.req.text();
    if (hook.source === "woocommerce" && isWooCommercePing({ raw, headers: c.req.raw.headers })) {
      return c.json({ received: true, result: "ping" });
    }
    const now = clock();
    const { deliveryId, order } = hook.verify({ siteId, raw, headers: c.req.raw.headers, secret, now });
    const result = await store.orders.ingest({ siteId, source: hook.source, deliveryId }, order, now);
    logger.info(
      { site: siteId, source: hook.source, result, order: order?.externalId ?? null },
      "order delivery",
    );
    return c.json({ received: true, result: order || result === "duplicate" ? result : "ignored" });
  });
  return app;
}
