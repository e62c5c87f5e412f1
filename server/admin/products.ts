import { Hono } from "hono";
import { ProductInput, ProductPatch } from "../contract/index.ts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { readJson } from "../http/body.ts";
import type { AdminEnv } from "./auth.ts";

const noSuchProduct = () => new AppError("not_found", "No such product in this site.");

/** The catalogue of one site (`/sites/:site/products`); every id is looked up within that site only. */
export function productRoutes({ store, clock }: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get("/", async (c) => c.json({ products: await store.products.list(c.var.siteId) }));

  app.post("/", async (c) => {
    const input = await readJson(c, ProductInput);
    return c.json({ product: await store.products.create(c.var.siteId, input, clock()) }, 201);
  });

  app.get("/:id", async (c) => {
    const product = await store.products.get(c.var.siteId, c.req.param("id"));
    if (!product) throw noSuchProduct();
    return c.json({ product });
  });

  app.patch("/:id", async (c) => {
    const patch = await readJson(c, ProductPatch);
    const product = await store.products.update(c.var.siteId, c.req.param("id"), patch, clock());
    if (!product) throw noSuchProduct();
    return c.json({ product });
  });

  app.delete("/:id", async (c) => {
    const id = c.req.param("id");
    // Offering it is guarded by the database; naming it in a trigger is guarded here.
    const triggering = (await store.offers.list(c.var.siteId)).find((offer) =>
      offer.trigger.products.includes(id),
    );
    if (triggering)
      throw new AppError("conflict", `The offer "${triggering.name}" is triggered by this product.`);
    if (!(await store.products.remove(c.var.siteId, id))) throw noSuchProduct();
    return c.body(null, 204);
  });

  return app;
}
