import type { ClaimOutcome, SessionRequest, SessionResponse } from "../contract/index.ts";
import { digestsEqual, sha256Hex } from "../crypto.ts";
import type { Order, SiteConfig } from "../domain.ts";
import { whyNoOffer } from "../offers/why-none.ts";
import { originAllowed } from "./access.ts";
import { inputWith, type SessionsDeps, showNext } from "./context.ts";
import { miss } from "./miss.ts";
import { findOrder } from "./order-ref.ts";
import { receiptOf } from "./receipt.ts";

export interface ClaimInput {
  request: SessionRequest;
  origin: string | null;
  /** This server's own origin: its thank-you page preview may claim the admin's test orders (and only those). */
  ownOrigin?: string;
  now: number;
}

/** What one claim came to, for the seller's cockpit; and the answer, unless it is the one miss. */
interface Claimed {
  outcome: ClaimOutcome;
  order: Order | null;
  answer?: { created: boolean; answer: SessionResponse };
}

/**
 * The widget's one request. The first browser to claim a verified, paid order inside its window binds its
 * own secret (kept hashed) to the order's session and gets the offer; the same browser resumes with that
 * secret, so a claim whose answer was lost is not lost. Every other way of asking is the same miss; why it
 * missed is kept for the seller's cockpit (claims of unknown sites are kept nowhere), never told to the page.
 */
export async function claim(
  deps: SessionsDeps,
  input: ClaimInput,
): Promise<{ created: boolean; answer: SessionResponse }> {
  const config = await deps.store.config(input.request.site);
  if (!config) throw miss();
  const claimed = await claimFor(deps, config, input);
  const { order } = claimed;
  deps.store.cockpit.recordClaim({
    siteId: config.site.id,
    origin: input.origin,
    outcome: claimed.outcome,
    reference: input.request.order.source,
    order: order?.externalId ?? null,
    test: order?.test ?? false,
    at: input.now,
  });
  if (!claimed.answer) throw miss();
  return claimed.answer;
}

async function claimFor(
  { store, pull }: SessionsDeps,
  config: SiteConfig,
  { request, origin, ownOrigin, now }: ClaimInput,
): Promise<Claimed> {
  const allowed = originAllowed(config, origin);
  const preview = !allowed && origin !== null && origin === ownOrigin;
  // A page of another origin is not even looked up for (its order would be pulled from the platform for nothing).
  if (!allowed && !preview) return { outcome: "origin_refused", order: null };
  // Test orders are never on the platform: the preview's claims pull nothing from it.
  const found = await findOrder(store, config.site, request.order, now, allowed ? pull : undefined);
  if (!found) return { outcome: "order_not_found", order: null };
  const { order } = found;
  if (preview && !order.test) return { outcome: "origin_refused", order };
  if (order.status !== "paid") return { outcome: "order_not_paid", order };
  const expiresAt = order.paidAt + config.site.offerWindowMinutes * 60_000;
  if (now >= expiresAt) return { outcome: "window_closed", order };

  const secretHash = sha256Hex(request.secret);
  const { session, created, steps } = await store.sessions.claim(
    { siteId: config.site.id, orderId: order.id, secretHash, expiresAt },
    now,
    found.claimed,
  );
  if (!created && !digestsEqual(secretHash, session.secretHash)) return { outcome: "other_browser", order };

  const world = { session, config, order };
  const input = inputWith(world, steps, now);
  const offer = await showNext(store, session, input, now);
  // Only a session that has decided something has a receipt to show (a first claim has none to read).
  const decided = input.steps.some((step) => step.outcome !== null);
  const receipt = decided ? await receiptOf(store, session.id, config.site.id, input.steps) : [];
  const answer: SessionResponse = {
    session: { id: session.id, expiresAt: new Date(session.expiresAt).toISOString() },
    offer,
    ...(receipt.length > 0 && { receipt }),
    // The site's look, so the seller restyles the panel without touching the snippet.
    appearance: config.site.appearance,
  };
  return { outcome: offer ? "offer" : whyNoOffer(input), order, answer: { created, answer } };
}
