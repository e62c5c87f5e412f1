import { type Context, Hono } from "hono";
import { cors } from "hono/cors";
import { type Deps, limitsFor } from "../deps.ts";
import { limitBody } from "../http/body.ts";
import { clientIp } from "../http/client-ip.ts";
import { RateLimiter } from "../http/rate-limit.ts";
import { claimSession } from "./claim.ts";
import { decide } from "./decide.ts";

const MINUTE = 60_000;

/**
 * The widget's routes. CORS answers any origin without credentials: the site's exact allowlist is
 * enforced by the handlers, and every origin it refuses gets the same 404 as any other miss.
 */
export function sessionRoutes(deps: Deps): Hono {
  const limits = { ...limitsFor(deps.config.rateLimitPerMinute), ...deps.limits };
  const ip = (c: Context) => clientIp(c, deps.config.trustProxy);
  const app = new Hono();
  app.use(
    cors({
      origin: (origin) => origin,
      allowMethods: ["POST"],
      allowHeaders: ["Content-Type", "Authorization", "Idempotency-Key"],
      maxAge: 600,
    }),
  );
  app.use(limitBody(8 * 1024));

  const claim = claimSession(deps, {
    perIp: new RateLimiter(limits.claimsPerIp, MINUTE),
    perSite: new RateLimiter(limits.claimsPerSite, MINUTE),
  });
  const decision = decide(deps, {
    perIp: new RateLimiter(limits.decisionsPerIp, MINUTE),
    perSite: new RateLimiter(limits.decisionsPerSite, MINUTE),
  });
  app.post("/", (c) => claim(c, ip(c)));
  app.post("/:id/decisions", (c) => decision(c, ip(c)));
  return app;
}
