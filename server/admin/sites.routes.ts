import { Hono } from "hono";
import {
  SecretKind,
  type SiteAnswer,
  SiteInput,
  SitePatch,
  type SitesAnswer,
  StripeApiKeyInput,
  StripeSecretInput,
  WooCommerceApiInput,
} from "../contract/index.ts";
import type { Deps } from "../deps.ts";
import { readJson } from "../http/body.ts";
import { validate } from "../parse.ts";
import { checkConnection } from "../payments/woocommerce/check.ts";
import { type AdminEnv, canSee, requireOperator } from "./auth.routes.ts";
import { createSite, noSuchSite, setSiteSecret, updateSite } from "./sites.ts";

/** Sites, and their secrets: made here, returned once in the answer that made them, never again. */
export function siteRoutes({ store, clock, config, resolveHost }: Deps): Hono<AdminEnv> {
  const network = {
    allowLoopbackHttp: config.allowLoopbackHttp,
    ...(resolveHost && { resolve: resolveHost }),
  };
  const app = new Hono<AdminEnv>();

  app.get("/", async (c) => {
    const sites = await store.sites.list();
    return c.json({ sites: sites.filter((site) => canSee(c, site.id)) } satisfies SitesAnswer);
  });

  app.post("/", async (c) => {
    requireOperator(c);
    return c.json(await createSite(store, await readJson(c, SiteInput), clock(), network), 201);
  });

  app.use("/:site/*", async (c, next) => {
    if (!canSee(c, c.req.param("site") ?? "")) throw noSuchSite();
    await next();
  });
  app.use("/:site", async (c, next) => {
    if (!canSee(c, c.req.param("site") ?? "")) throw noSuchSite();
    await next();
  });

  app.get("/:site", async (c) => {
    const site = await store.sites.get(c.req.param("site"));
    if (!site) throw noSuchSite();
    return c.json({ site } satisfies SiteAnswer);
  });

  app.patch("/:site", async (c) => {
    const patch = await readJson(c, SitePatch);
    const site = await updateSite(store, c.req.param("site"), patch, clock(), network);
    return c.json({ site } satisfies SiteAnswer);
  });

  app.delete("/:site", async (c) => {
    requireOperator(c);
    if (!(await store.sites.remove(c.req.param("site")))) throw noSuchSite();
    return c.body(null, 204);
  });

  /** A shop's connection is tried before it is kept: the seller learns now, not at a buyer's click, what is wrong. */
  const checkedConnection = async (siteId: string, connection: WooCommerceApiInput) => {
    if (!(await store.sites.get(siteId))) throw noSuchSite();
    await checkConnection(connection, network);
    return connection;
  };

  app.post("/:site/secrets/:kind", async (c) => {
    const kind = validate(SecretKind, c.req.param("kind"));
    const secret =
      kind === "stripe"
        ? { kind, given: (await readJson(c, StripeSecretInput)).secret }
        : kind === "stripe-api-key"
          ? { kind, given: (await readJson(c, StripeApiKeyInput)).secret }
          : kind === "woocommerce-api"
            ? {
                kind,
                given: JSON.stringify(
                  await checkedConnection(c.req.param("site"), await readJson(c, WooCommerceApiInput)),
                ),
              }
            : { kind };
    return c.json(await setSiteSecret(store, c.req.param("site"), secret, clock()));
  });

  return app;
}
