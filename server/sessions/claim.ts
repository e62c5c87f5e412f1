import type { SessionRequest, SessionResponse } from "../contract/index.ts";
import { digestsEqual, sha256Hex } from "../crypto.ts";
import { originAllowed } from "./access.ts";
import { engineInput, type SessionsDeps, showNext } from "./context.ts";
import { miss } from "./miss.ts";
import { findOrder } from "./order-ref.ts";
import { receiptOf } from "./receipt.ts";

export interface ClaimInput {
  request: SessionRequest;
  origin: string | null;
  now: number;
}

/**
 * The widget's one request. The first browser to claim a verified, paid order inside its window binds its
 * own secret (kept hashed) to the order's session and gets the offer; the same browser resumes with that
 * secret, so a claim whose answer was lost is not lost. Every other way of asking is the same miss.
 */
export async function claim(
  { store, pull }: SessionsDeps,
  { request, origin, now }: ClaimInput,
): Promise<{ created: boolean; answer: SessionResponse }> {
  const config = await store.config(request.site);
  if (!originAllowed(config, origin)) throw miss();
  const order = await findOrder(store, config.site, request.order, now, pull);
  if (order?.status !== "paid") throw miss();
  const expiresAt = order.paidAt + config.site.offerWindowMinutes * 60_000;
  if (now >= expiresAt) throw miss();

  const secretHash = sha256Hex(request.secret);
  const { session, created } = await store.sessions.claim(
    { siteId: config.site.id, orderId: order.id, secretHash, expiresAt },
    now,
  );
  if (!created && !digestsEqual(secretHash, session.secretHash)) throw miss();

  const world = { session, config, order };
  const input = await engineInput(store, world, now);
  const offer = await showNext(store, session, input, now);
  // Only a session that has decided something has a receipt to show (a first claim has none to read).
  const decided = input.steps.some((step) => step.outcome !== null);
  const receipt = decided ? await receiptOf(store, session.id, config.site.id, input.steps) : [];
  return {
    created,
    answer: {
      session: { id: session.id, expiresAt: new Date(session.expiresAt).toISOString() },
      offer,
      ...(receipt.length > 0 && { receipt }),
      // The site's look, so the seller restyles the panel without touching the snippet.
      appearance: config.site.appearance,
    },
  };
}
