import { Hono } from "hono";
import { GENERATED_SECRETS, SecretKind, SiteInput, SitePatch, StripeSecretInput } from "../contract/index.ts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { readJson, validate } from "../http/body.ts";
import { generateSecret } from "./secrets.ts";

const noSuchSite = () => new AppError("not_found", "No such site.");

/** Sites, and their secrets: made here, returned once in the answer that made them, never again. */
export function siteRoutes({ store, clock }: Deps): Hono {
  const app = new Hono();

  app.get("/", async (c) => c.json({ sites: await store.sites.list() }));

  app.post("/", async (c) => {
    const input = await readJson(c, SiteInput);
    const secrets = Object.fromEntries(GENERATED_SECRETS.map((kind) => [kind, generateSecret(kind)]));
    const site = await store.sites.create(input, secrets, clock());
    return c.json({ site, secrets }, 201);
  });

  app.get("/:site", async (c) => {
    const site = await store.sites.get(c.req.param("site"));
    if (!site) throw noSuchSite();
    return c.json({ site });
  });

  app.patch("/:site", async (c) => {
    const patch = await readJson(c, SitePatch);
    const site = await store.sites.update(c.req.param("site"), patch, clock());
    if (!site) throw noSuchSite();
    return c.json({ site });
  });

  app.delete("/:site", async (c) => {
    if (!(await store.sites.remove(c.req.param("site")))) throw noSuchSite();
    return c.body(null, 204);
  });

  /** Rotates a secret Aquarium makes (the new one is in this answer only), or sets Stripe's own. */
  app.post("/:site/secrets/:kind", async (c) => {
    const siteId = c.req.param("site");
    const kind = validate(SecretKind, c.req.param("kind"));
    if (!(await store.sites.get(siteId))) throw noSuchSite();
    if (kind === "stripe") {
      const { secret } = await readJson(c, StripeSecretInput);
      await store.sites.setSecret(siteId, kind, secret, clock());
      return c.json({ kind, set: true });
    }
    const secret = generateSecret(kind);
    await store.sites.setSecret(siteId, kind, secret, clock());
    return c.json({ kind, secret });
  });

  return app;
}
