import { digestsEqual, sha256Hex } from "../crypto.ts";
import type { Order, Session, SiteConfig, Step } from "../domain.ts";
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
 * The session a decision request names, with its site's configuration, its order and the offers it was shown
 * (one read), if the request may act on it: the right secret, from one of the site's origins (or, for the
 * admin's test orders, from this server's own thank-you page preview). Anything else is the one 404 of every
 * miss.
 */
export async function sessionAccess(
  store: Store,
  request: { sessionId: string; secret: string | null; origin: string | null; ownOrigin?: string },
): Promise<{ session: Session; config: SiteConfig; order: Order; steps: Step[] }> {
  const found = await store.sessions.access(request.sessionId);
  if (!found || !secretMatches(request.secret, found.session)) throw miss();
  const { session, order, steps } = found;
  const config = await store.config(session.siteId);
  if (!config) throw miss();
  const preview = order.test && request.origin !== null && request.origin === request.ownOrigin;
  if (!originAllowed(config, request.origin) && !preview) throw miss();
  return { session, config, order, steps };
}
