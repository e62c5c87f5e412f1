import { type Context, Hono } from "hono";
import { DecisionRequest, SessionRequest } from "../contract/index.ts";
import { sha256Hex } from "../crypto.ts";
import { type AppDeps, limitsFor } from "../deps.ts";
import { AppError } from "../errors.ts";
import { limitBody, readJson } from "../http/body.ts";
import { clientIp } from "../http/client-ip.ts";
import { corsAnyOrigin } from "../http/cors.ts";
import { sessionsDeps } from "../services.ts";
import { claim } from "./claim.ts";
import { decide } from "./decide.ts";
import { claimLimits, decisionLimits } from "./limits.ts";

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,200}$/;

/**
 * The widget's routes: parse, limit, call the use case, answer. CORS answers any origin without
 * credentials: the site's exact allowlist is enforced by the use cases, and every origin it refuses gets
 * the same 404 as any other miss.
 */
export function sessionRoutes(deps: AppDeps): Hono {
  const limits = { ...limitsFor(deps.config.rateLimitPerMinute), ...deps.limits };
  const claims = claimLimits(limits, deps.counters);
  const decisions = decisionLimits(limits, deps.counters);
  const useCases = sessionsDeps(deps, deps.services);
  const ip = (c: Context) => clientIp(c, deps.config.trustProxy);
  // This server's thank-you page preview (for the admin's test orders) is on this origin.
  const ownOrigin = new URL(deps.config.publicUrl).origin;

  const app = new Hono();
  app.use(
    corsAnyOrigin({
      methods: ["POST"],
      headers: ["Content-Type", "Authorization", "Idempotency-Key"],
      maxAge: 600,
    }),
  );
  app.use(limitBody(8 * 1024));

  app.post("/", async (c) => {
    const request = await readJson(c, SessionRequest);
    const now = deps.clock();
    await claims.take(ip(c), request.site, sha256Hex(JSON.stringify(request.order)), now);
    const { created, answer } = await claim(useCases, {
      request,
      origin: c.req.header("origin") ?? null,
      ownOrigin,
      now,
    });
    return c.json(answer, created ? 201 : 200);
  });

  app.post("/:id/decisions", async (c) => {
    const now = deps.clock();
    const sessionId = c.req.param("id");
    await decisions.take(ip(c), now);
    const idempotencyKey = c.req.header("idempotency-key") ?? "";
    if (!IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new AppError(
        "invalid_request",
        "An Idempotency-Key header (8 to 200 visible characters) is required.",
      );
    }
    const request = await readJson(c, DecisionRequest);
    const answer = await decide(useCases, {
      sessionId,
      secret: /^Bearer (.+)$/i.exec(c.req.header("authorization") ?? "")?.[1] ?? null,
      origin: c.req.header("origin") ?? null,
      ownOrigin,
      idempotencyKey,
      request,
      now,
    });
    return c.json(answer, 200);
  });
  return app;
}
