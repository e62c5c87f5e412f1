import type { Delivery } from "../contract/index.ts";
import { AppError } from "../errors.ts";
import type { OutboxDelivery, Store } from "../store/store.ts";

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

export function toDelivery(event: OutboxDelivery): Delivery {
  return {
    id: event.id,
    type: event.type,
    status: event.status,
    attempts: event.attempts,
    lastStatus: event.lastStatus,
    lastError: event.lastError,
    createdAt: new Date(event.createdAt).toISOString(),
    nextAttemptAt: iso(event.nextAttemptAt),
    deliveredAt: iso(event.deliveredAt),
    deadAt: iso(event.deadAt),
    test: (event.payload as { test?: unknown } | null)?.test === true,
  };
}

/** A site's last outbound events, newest first: what the seller's endpoint got, and what it did not. */
export async function siteDeliveries(store: Store, siteId: string): Promise<Delivery[]> {
  return (await store.outbox.list(siteId, 100)).map(toDelivery);
}

/** Sends an event again, from a fresh schedule of attempts. */
export async function resendDelivery(
  store: Store,
  siteId: string,
  id: string,
  now: number,
): Promise<Delivery> {
  if (!(await store.outbox.resend(siteId, id, now)))
    throw new AppError("not_found", "No such delivery in this site.");
  const event = (await store.outbox.list(siteId, 100)).find((candidate) => candidate.id === id);
  if (!event) throw new AppError("not_found", "No such delivery in this site.");
  return toDelivery(event);
}
