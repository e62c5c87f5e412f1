import { Hono } from "hono";
import {
  type DeletedProductsAnswer,
  type ImportAnswer,
  type ProductAnswer,
  ProductInput,
  ProductPatch,
  type ProductsAnswer,
} from "../contract/index.ts";
import type { Deps } from "../deps.ts";
import { readJson } from "../http/body.ts";
import type { AdminEnv } from "./auth.routes.ts";
import { importProducts } from "./import.ts";
import { noSuchProduct, removeProduct, restoreProduct, updateProduct } from "./products.ts";

/** The catalogue of one site (`/sites/:site/products`); every id is looked up within that site only. */
export function productRoutes({ store, clock, config, resolveHost }: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const network = {
    allowLoopbackHttp: config.allowLoopbackHttp,
    ...(resolveHost && { resolve: resolveHost }),
  };

  app.get("/", async (c) =>
    c.json({ products: await store.products.list(c.var.siteId) } satisfies ProductsAnswer),
  );

  app.post("/", async (c) => {
    const product = await store.products.create(c.var.siteId, await readJson(c, ProductInput), clock());
    return c.json({ product } satisfies ProductAnswer, 201);
  });

  // The shop's published products, read with the site's WooCommerce connection, into the catalogue by SKU.
  app.post("/import", async (c) =>
    c.json((await importProducts(store, c.var.siteId, network, clock())) satisfies ImportAnswer),
  );

  // Before `/:id`: deleted products that can still be restored.
  app.get("/deleted", async (c) =>
    c.json({ products: await store.products.deleted(c.var.siteId) } satisfies DeletedProductsAnswer),
  );

  app.get("/:id", async (c) => {
    const product = await store.products.get(c.var.siteId, c.req.param("id"));
    if (!product) throw noSuchProduct();
    return c.json({ product } satisfies ProductAnswer);
  });

  app.patch("/:id", async (c) => {
    const patch = await readJson(c, ProductPatch);
    const product = await updateProduct(store, c.var.siteId, c.req.param("id"), patch, clock());
    return c.json({ product } satisfies ProductAnswer);
  });

  app.delete("/:id", async (c) => {
    await removeProduct(store, c.var.siteId, c.req.param("id"), clock());
    return c.body(null, 204);
  });

  app.post("/:id/restore", async (c) => {
    const product = await restoreProduct(store, c.var.siteId, c.req.param("id"), clock());
    return c.json({ product } satisfies ProductAnswer);
  });

  return app;
}
