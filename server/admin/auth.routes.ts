import type { Context, MiddlewareHandler } from "hono";
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { LoginInput, type MeAnswer } from "../contract/index.ts";
import { randomSecret, sha256Hex } from "../crypto.ts";
import type { AppDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { readJson } from "../http/body.ts";
import { clientIp } from "../http/client-ip.ts";
import { type RateLimit, rateLimit } from "../rate-limit.ts";
import { credentialOf, OPERATOR, scopeOfToken, stillCredited, unauthorized } from "./access.ts";

export const COOKIE = "aquarium_admin";
const SESSION_MS = 12 * 3600_000;
/** Wrong tokens, by login or by bearer, per client and minute. */
const FAILURES_PER_MINUTE = 10;

/** `scope` is who is calling: the operator ("*") or the owner of one site (its id). */
export type AdminEnv = { Variables: { scope: string; siteId: string } };

/** A wrong token counts against its client; past the limit every attempt is refused before it is checked. */
function failedCredentials(deps: AppDeps): { failures: RateLimit; key(c: Context): string } {
  return {
    failures: rateLimit(deps.counters, FAILURES_PER_MINUTE, 60_000),
    key: (c) => `admin-fail:${clientIp(c, deps.config.trustProxy)}`,
  };
}

/**
 * Who is calling, from `Authorization: Bearer <token>` (scripts) or the login cookie (the admin app);
 * anyone else is 401. Tokens are compared in constant time; login cookies are looked up by their hash, and
 * count only while the credential that made them is still the scope's.
 */
export function adminAuth(deps: AppDeps): MiddlewareHandler<AdminEnv> {
  const { failures, key } = failedCredentials(deps);
  return async (c, next) => {
    const now = deps.clock();
    const bearer = /^Bearer (.+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
    const cookie = getCookie(c, COOKIE);
    let scope: string | null = null;
    if (bearer) {
      await failures.check(key(c), now);
      scope = await scopeOfToken(deps, bearer);
      if (!scope) {
        await failures.take(key(c), now);
        throw unauthorized();
      }
    } else if (cookie) {
      const session = await deps.store.adminSessions.find(sha256Hex(cookie), now);
      if (session && (await stillCredited(deps, session.scope, session.credential))) scope = session.scope;
    }
    if (!scope) throw unauthorized();
    c.set("scope", scope);
    await next();
  };
}

/**
 * Cross-site requests cannot act with the login cookie. A state-changing request that rides on the cookie
 * (and the login that makes one) must come from the admin's own origin (PUBLIC_URL's, or this request's own)
 * when the browser names one, and be JSON or carry `X-Aquarium-Admin`: a cross-site form can do neither.
 * Requests with a bearer token are scripts', which no other site can make a browser send.
 */
export function sameOriginWrites(publicUrl: string): MiddlewareHandler {
  const own = new URL(publicUrl).origin;
  return async (c, next) => {
    const writes = !["GET", "HEAD", "OPTIONS"].includes(c.req.method);
    const bearer = /^Bearer /i.test(c.req.header("authorization") ?? "");
    if (writes && !bearer && (getCookie(c, COOKIE) !== undefined || c.req.path.endsWith("/login"))) {
      const origin = c.req.header("origin");
      const fromHere = origin === undefined || origin === own || origin === new URL(c.req.url).origin;
      const deliberate =
        /^application\/json\b/i.test(c.req.header("content-type") ?? "") ||
        c.req.header("x-aquarium-admin") !== undefined;
      if (!fromHere || !deliberate) {
        throw new AppError(
          "forbidden",
          "This request must come from the admin itself (its own origin, as JSON).",
        );
      }
    }
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

/**
 * `POST /login` with a token sets an HttpOnly, SameSite=Strict cookie bound to that token; `POST /logout`
 * ends it; `POST /logout-everywhere` (logged in) ends every login of the caller's scope.
 */
export function loginRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const { failures, key } = failedCredentials(deps);

  app.post("/login", async (c) => {
    const now = deps.clock();
    await failures.check(key(c), now);
    const { token } = await readJson(c, LoginInput);
    const scope = await scopeOfToken(deps, token);
    if (!scope) {
      await failures.take(key(c), now);
      throw new AppError("unauthorized", "This token is not valid.");
    }
    const session = randomSecret();
    await deps.store.adminSessions.create(
      sha256Hex(session),
      { scope, expiresAt: now + SESSION_MS, credential: credentialOf(token) },
      now,
    );
    setCookie(c, COOKIE, session, {
      httpOnly: true,
      sameSite: "Strict",
      secure: deps.config.publicUrl.startsWith("https:") || new URL(c.req.url).protocol === "https:",
      path: "/admin",
      maxAge: SESSION_MS / 1000,
    });
    return c.json({ scope } satisfies MeAnswer);
  });

  app.post("/logout", async (c) => {
    const cookie = getCookie(c, COOKIE);
    if (cookie) await deps.store.adminSessions.remove(sha256Hex(cookie));
    deleteCookie(c, COOKIE, { path: "/admin" });
    return c.body(null, 204);
  });

  return app;
}

/** `POST /logout-everywhere`: every login of the caller's scope ends, this one included. */
export function logoutEverywhere(deps: AppDeps): MiddlewareHandler<AdminEnv> {
  return async (c) => {
    await deps.store.adminSessions.removeScope(c.var.scope);
    deleteCookie(c, COOKIE, { path: "/admin" });
    return c.body(null, 204);
  };
}
