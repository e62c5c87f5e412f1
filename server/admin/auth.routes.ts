import type { Context, MiddlewareHandler } from "hono";
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { LoginInput } from "../contract/index.ts";
import { randomSecret, safeEqual, sha256Hex } from "../crypto.ts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { readJson } from "../http/body.ts";
import { clientIp } from "../http/client-ip.ts";
import { RateLimiter } from "../rate-limit.ts";

export const COOKIE = "aquarium_admin";
const SESSION_MS = 12 * 3600_000;
export const OPERATOR = "*";

/** `scope` is who is calling: the operator ("*") or the owner of one site (its id). */
export type AdminEnv = { Variables: { scope: string; siteId: string } };

const unauthorized = () => new AppError("unauthorized", "A valid admin login is required.");

/** The scope a token grants: ADMIN_TOKEN is the operator, a site's owner token is that site; else none. */
async function scopeOfToken({ store, config }: Deps, token: string): Promise<string | null> {
  if (safeEqual(token, config.adminToken)) return OPERATOR;
  return token.startsWith("aqo_") ? store.sites.bySecret("owner", sha256Hex(token)) : null;
}

/**
 * Who is calling, from `Authorization: Bearer <token>` (scripts) or the login cookie (the admin app);
 * anyone else is 401. Tokens are compared in constant time; login cookies are looked up by their hash.
 */
export function adminAuth(deps: Deps): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const bearer = /^Bearer (.+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
    const cookie = getCookie(c, COOKIE);
    const scope = bearer
      ? await scopeOfToken(deps, bearer)
      : cookie
        ? ((await deps.store.adminSessions.find(sha256Hex(cookie), deps.clock()))?.scope ?? null)
        : null;
    if (!scope) throw unauthorized();
    c.set("scope", scope);
    await next();
  };
}

/** The operator sees every site; an owner only theirs, and any other is as if it did not exist. */
export function canSee(c: Context<AdminEnv>, siteId: string): boolean {
  const scope = c.get("scope");
  return scope === OPERATOR || scope === siteId;
}

export function requireOperator(c: Context<AdminEnv>): void {
  if (c.get("scope") !== OPERATOR)
    throw new AppError("forbidden", "Only the operator (ADMIN_TOKEN) can do this.");
}

/** `POST /login` with a token sets an HttpOnly, SameSite=Strict cookie; `POST /logout` ends it; `GET /me` says who. */
export function loginRoutes(deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const attempts = new RateLimiter(10, 60_000);

  app.post("/login", async (c) => {
    attempts.take(clientIp(c, deps.config.trustProxy), deps.clock());
    const { token } = await readJson(c, LoginInput);
    const scope = await scopeOfToken(deps, token);
    if (!scope) throw new AppError("unauthorized", "This token is not valid.");
    const session = randomSecret();
    await deps.store.adminSessions.create(
      sha256Hex(session),
      { scope, expiresAt: deps.clock() + SESSION_MS },
      deps.clock(),
    );
    setCookie(c, COOKIE, session, {
      httpOnly: true,
      sameSite: "Strict",
      secure: deps.config.publicUrl.startsWith("https:") || new URL(c.req.url).protocol === "https:",
      path: "/admin",
      maxAge: SESSION_MS / 1000,
    });
    return c.json({ scope });
  });

  app.post("/logout", async (c) => {
    const cookie = getCookie(c, COOKIE);
    if (cookie) await deps.store.adminSessions.remove(sha256Hex(cookie));
    deleteCookie(c, COOKIE, { path: "/admin" });
    return c.body(null, 204);
  });

  return app;
}
