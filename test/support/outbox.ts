import type { TestApp } from "./app.ts";

/**
 * Every event due to the seller's webhook tried once, as the outbox worker would, and failed as told (`retryAt:
 * null` gives it up). Answers how many were.
 */
export async function failDueEvents(
  harness: TestApp,
  failure: { error: string; status: number | null; retryAt: number | null },
): Promise<number> {
  const due = await harness.store.outbox.lease(harness.now, 100, 60_000, []);
  for (const event of due) await harness.store.outbox.failed(event.id, failure, harness.now);
  return due.length;
}
