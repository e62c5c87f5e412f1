import { Hono } from "hono";
import { OfferInput, OfferPatch } from "../contract/index.ts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { readJson } from "../http/body.ts";
import type { Store } from "../store/store.ts";
import type { AdminEnv } from "./auth.ts";

const noSuchOffer = () => new AppError("not_found", "No such offer in this site.");

/** Every id an offer points at must belong to the same site: products, trigger products and funnel steps. */
async function checkReferences(
  store: Store,
  siteId: string,
  offerId: string | null,
  offer: OfferPatch,
): Promise<void> {
  const refuse = (field: string, message: string) =>
    new AppError("invalid_request", `${field}: ${message}`, { fields: { [field]: message } });
  const missing = (field: string) => refuse(field, "no such id in this site");
  if (offer.productId && !(await store.products.get(siteId, offer.productId))) throw missing("productId");
  for (const [index, id] of (offer.trigger?.products ?? []).entries()) {
    if (!(await store.products.get(siteId, id))) throw missing(`trigger.products.${index}`);
  }
  for (const field of ["downsellId", "nextId"] as const) {
    const id = offer[field];
    if (!id) continue;
    if (id === offerId) throw refuse(field, "an offer cannot follow itself");
    if (!(await store.offers.get(siteId, id))) throw missing(field);
  }
}

/** The offers of one site (`/sites/:site/offers`): trigger, discount, limits, priority and funnel. */
export function offerRoutes({ store, clock }: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get("/", async (c) => c.json({ offers: await store.offers.list(c.var.siteId) }));

  app.post("/", async (c) => {
    const input = await readJson(c, OfferInput);
    await checkReferences(store, c.var.siteId, null, input);
    return c.json({ offer: await store.offers.create(c.var.siteId, input, clock()) }, 201);
  });

  app.get("/:id", async (c) => {
    const offer = await store.offers.get(c.var.siteId, c.req.param("id"));
    if (!offer) throw noSuchOffer();
    return c.json({ offer });
  });

  app.patch("/:id", async (c) => {
    const patch = await readJson(c, OfferPatch);
    const id = c.req.param("id");
    if (!(await store.offers.get(c.var.siteId, id))) throw noSuchOffer();
    await checkReferences(store, c.var.siteId, id, patch);
    const offer = await store.offers.update(c.var.siteId, id, patch, clock());
    if (!offer) throw noSuchOffer();
    return c.json({ offer });
  });

  app.delete("/:id", async (c) => {
    if (!(await store.offers.remove(c.var.siteId, c.req.param("id")))) throw noSuchOffer();
    return c.body(null, 204);
  });

  return app;
}
