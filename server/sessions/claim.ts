import type { Context } from "hono";
import { SessionRequest, type SessionResponse } from "../contract/index.ts";
import { digestsEqual, sha256Hex } from "../crypto.ts";
import type { Deps } from "../deps.ts";
import { readJson } from "../http/body.ts";
import type { RateLimiter } from "../http/rate-limit.ts";
import { engineInput, showNext } from "./context.ts";
import { miss } from "./miss.ts";
import { findOrder } from "./order-ref.ts";

/**
 * `POST /v1/sessions`: the widget's one request. The first browser to claim a verified, paid order inside
 * its window binds its own secret (kept hashed) to the order's session and gets the offer; the same browser
 * resumes with that secret, so a claim whose answer was lost is not lost.
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

    // The first claim binds the browser's own secret; only the same secret resumes (another gets the same 404).
    const secretHash = sha256Hex(body.secret);
    const { session, created } = await store.sessions.claim(
      { siteId: site.id, orderId: order.id, secretHash, expiresAt },
      now,
    );
    if (!created && !digestsEqual(secretHash, session.secretHash)) throw miss();

    const offer = await showNext(store, session, await engineInput(store, config, session, order, now), now);
    const answer: SessionResponse = {
      session: { id: session.id, expiresAt: new Date(session.expiresAt).toISOString() },
      offer,
    };
    return c.json(answer, created ? 201 : 200);
  };
}
