import type { Context } from "hono";
import { SessionRequest, type SessionResponse } from "../contract/index.ts";
import { randomSecret, safeEqual, sha256Hex } from "../crypto.ts";
import type { Deps } from "../deps.ts";
import { readJson } from "../http/body.ts";
import type { RateLimiter } from "../http/rate-limit.ts";
import { engineInput, showNext } from "./context.ts";
import { miss } from "./miss.ts";
import { findOrder } from "./order-ref.ts";

/**
 * `POST /v1/sessions`: the widget's one request. The first browser to claim a verified, paid order inside
 * its window gets a secret (kept hashed) and the offer; the same browser resumes with that secret.
 */
export function claimSession({ store, clock }: Deps, limits: { perIp: RateLimiter; perSite: RateLimiter }) {
  return async (c: Context, clientIp: string) => {
    const body = await readJson(c, SessionRequest);
    const now = clock();
    limits.perIp.take(clientIp, now);
    limits.perSite.take(body.site, now);

    const config = await store.config(body.site);
    const origin = c.req.header("origin");
    if (!config || !origin || !config.site.allowedOrigins.includes(origin)) throw miss();
    const { site } = config;

    const order = await findOrder(store, site, body.order, now);
    if (order?.status !== "paid") throw miss();
    const expiresAt = order.paidAt + site.offerWindowMinutes * 60_000;
    if (now >= expiresAt) throw miss();

    // A returning browser finds its session without writing anything; only a first claim inserts one.
    const existing = await store.sessions.forOrder(order.id);
    const secret = existing ? null : randomSecret();
    const { session, created } = secret
      ? await store.sessions.claim(
          { siteId: site.id, orderId: order.id, secretHash: sha256Hex(secret), expiresAt },
          now,
        )
      : { session: existing as NonNullable<typeof existing>, created: false };
    if (!created && !(body.secret && safeEqual(sha256Hex(body.secret), session.secretHash))) throw miss();

    const offer = await showNext(store, session, await engineInput(store, config, session, order, now), now);
    const answer: SessionResponse = {
      session: {
        id: session.id,
        ...(created && secret && { secret }),
        expiresAt: new Date(session.expiresAt).toISOString(),
      },
      offer,
    };
    return c.json(answer, created ? 201 : 200);
  };
}
