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

    const { session, secret } = await sessionFor(order.id, site.id, expiresAt, now);
    // Only the first claimer holds the secret; anyone else must bring it.
    if (!secret && !(body.secret && safeEqual(sha256Hex(body.secret), session.secretHash))) throw miss();

    const offer = await showNext(store, session, await engineInput(store, config, session, order, now), now);
    const answer: SessionResponse = {
      session: {
        id: session.id,
        ...(secret && { secret }),
        expiresAt: new Date(session.expiresAt).toISOString(),
      },
      offer,
    };
    return c.json(answer, secret ? 201 : 200);
  };

  /**
   * The order's session and, when this request created it, its secret. A returning browser finds its
   * session without writing anything; of two first claims racing, the one that lost is told no secret.
   */
  async function sessionFor(orderId: string, siteId: string, expiresAt: number, now: number) {
    const existing = await store.sessions.forOrder(orderId);
    if (existing) return { session: existing, secret: null };
    const secret = randomSecret();
    const { session, created } = await store.sessions.claim(
      { siteId, orderId, secretHash: sha256Hex(secret), expiresAt },
      now,
    );
    return { session, secret: created ? secret : null };
  }
}
