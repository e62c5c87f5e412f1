import { Hono } from "hono";
import { GENERATED_SECRETS, SecretKind, SiteInput, SitePatch, StripeSecretInput } from "../contract/index.ts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { readJson, validate } from "../http/body.ts";
import { type AdminEnv, canSee, requireOperator } from "./auth.ts";
import { generateSecret, storedSecret } from "./secrets.ts";

const noSuchSite = () => new AppError("not_found", "No such site.");

/** Sites, and their secrets: made here, returned once in the answer that made them, never again. */
export function siteRoutes({ store, clock }: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get("/", async (c) => {
    const sites = await store.sites.list();
    return c.json({ sites: sites.filter((site) => canSee(c, site.id)) });
  });

  app.post("/", async (c) => {
    requireOperator(c);
    const input = await readJson(c, SiteInput);
    const secrets = Object.fromEntries(GENERATED_SECRETS.map((kind) => [kind, generateSecret(kind)]));
    const stored = Object.fromEntries(
      GENERATED_SECRETS.map((kind) => [kind, storedSecret(kind, secrets[kind] as string)]),
    );
    const site = await store.sites.create(input, stored, clock());
    return c.json({ site, secrets }, 201);
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
    return c.json({ site });
  });

  app.patch("/:site", async (c) => {
    const patch = await readJson(c, SitePatch);
    const site = await store.sites.update(c.req.param("site"), patch, clock());
    if (!site) throw noSuchSite();
    return c.json({ site });
  });

  app.delete("/:site", async (c) => {
    requireOperator(c);
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
    await store.sites.setSecret(siteId, kind, storedSecret(kind, secret), clock());
    return c.json({ kind, secret });
  });

  return app;
}
