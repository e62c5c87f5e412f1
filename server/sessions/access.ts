import { digestsEqual, sha256Hex } from "../crypto.ts";
import type { Order, Session, SiteConfig } from "../domain.ts";
import type { Store } from "../store/store.ts";
import { miss } from "./miss.ts";

/** A page may talk to a site's sessions only from one of the site's exact origins. */
export function originAllowed(config: SiteConfig | null, origin: string | null): config is SiteConfig {
  return Boolean(config && origin && config.site.allowedOrigins.includes(origin));
}

/** Does the secret a browser presents hash to the one its session was bound to? */
export function secretMatches(secret: string | null, session: Session): boolean {
  return secret !== null && digestsEqual(sha256Hex(secret), session.secretHash);
}

/**
 * The session a decision request names, with its site's configuration and its order, if the request may
 * act on it: the right secret, from one of the site's origins (or, for the admin's test orders, from this
 * server's own thank-you page preview). Anything else is the one 404 of every miss.
 */
export async function sessionAccess(
  store: Store,
  request: { sessionId: string; secret: string | null; origin: string | null; ownOrigin?: string },
): Promise<{ session: Session; config: SiteConfig; order: Order }> {
  const session = await store.sessions.get(request.sessionId);
  if (!session || !secretMatches(request.secret, session)) throw miss();
  const [config, order] = await Promise.all([store.config(session.siteId), store.sessions.order(session)]);
  if (!order || !config) throw miss();
  const preview = order.test && request.origin !== null && request.origin === request.ownOrigin;
  if (!originAllowed(config, request.origin) && !preview) throw miss();
  return { session, config, order };
}
