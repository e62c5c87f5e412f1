import { Hono } from "hono";
import {
  type DeletedOffersAnswer,
  DeleteOfferQuery,
  type OfferAnswer,
  OfferInput,
  OfferPatch,
  type OffersAnswer,
} from "../contract/index.ts";
import type { Deps } from "../deps.ts";
import { readJson } from "../http/body.ts";
import { validate } from "../parse.ts";
import type { AdminEnv } from "./auth.routes.ts";
import { createOffer, noSuchOffer, removeOffer, restoreOffer, updateOffer } from "./offers.ts";

/** The offers of one site (`/sites/:site/offers`): trigger, discount, limits, priority and funnel. */
export function offerRoutes({ store, clock }: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get("/", async (c) => c.json({ offers: await store.offers.list(c.var.siteId) } satisfies OffersAnswer));

  app.post("/", async (c) => {
    const offer = await createOffer(store, c.var.siteId, await readJson(c, OfferInput), clock());
    return c.json({ offer } satisfies OfferAnswer, 201);
  });

  // Before `/:id`: deleted offers that can still be restored.
  app.get("/deleted", async (c) =>
    c.json({ offers: await store.offers.deleted(c.var.siteId) } satisfies DeletedOffersAnswer),
  );

  app.get("/:id", async (c) => {
    const offer = await store.offers.get(c.var.siteId, c.req.param("id"));
    if (!offer) throw noSuchOffer();
    return c.json({ offer } satisfies OfferAnswer);
  });

  app.patch("/:id", async (c) => {
    const patch = await readJson(c, OfferPatch);
    const offer = await updateOffer(store, c.var.siteId, c.req.param("id"), patch, clock());
    return c.json({ offer } satisfies OfferAnswer);
  });

  app.delete("/:id", async (c) => {
    const { detach } = validate(DeleteOfferQuery, c.req.query());
    await removeOffer(store, c.var.siteId, c.req.param("id"), clock(), detach === "true");
    return c.body(null, 204);
  });

  app.post("/:id/restore", async (c) => {
    const offer = await restoreOffer(store, c.var.siteId, c.req.param("id"), clock());
    return c.json({ offer } satisfies OfferAnswer);
  });

  return app;
}
