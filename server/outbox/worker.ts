import { Webhook } from "standardwebhooks";
import type { Deps } from "../deps.ts";
import { periodic } from "../periodic.ts";
import type { OutboxEvent } from "../store/store.ts";

export interface OutboxOptions {
  /** Events leased per pass. */
  batch?: number;
  /** How long a leased event is ours before another worker may retry it (a crashed worker's events come back). */
  leaseMs?: number;
  /** How long the seller's endpoint has to answer. */
  timeoutMs?: number;
  /** The wait before attempt `attempts + 1`, in ms. */
  backoff?: (attempts: number) => number;
}

/** 5 s, 10 s, 20 s… capped at an hour, with ±20 % jitter so that retries of many events spread out. */
export function defaultBackoff(attempts: number): number {
  const base = Math.min(3_600_000, 5_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * Delivers the outbox to each site's webhook URL, signed per Standard Webhooks with the site's outbound
 * secret; `webhook-id` is the event's id on every attempt, so the seller can deduplicate. An event stays
 * in the outbox, retried with backoff, until an answer in 2xx says it arrived.
 */
export function outboxWorker({ store, clock, logger }: Deps, options: OutboxOptions = {}) {
  const { batch = 20, leaseMs = 60_000, timeoutMs = 10_000, backoff = defaultBackoff } = options;

  async function attempt(event: OutboxEvent): Promise<string | null> {
    const site = await store.sites.get(event.siteId);
    const secret = await store.sites.secret(event.siteId, "outbound");
    if (!site?.webhookUrl || !secret) return "the site has no webhook URL or outbound secret";
    const body = JSON.stringify(event.payload);
    const at = new Date(clock());
    try {
      const response = await fetch(site.webhookUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Aquarium-Webhooks/1",
          "webhook-id": event.id,
          "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
          "webhook-signature": new Webhook(secret).sign(event.id, at, body),
        },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      return response.ok ? null : `the endpoint answered ${response.status}`;
    } catch (error) {
      return `the endpoint could not be reached: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** One pass: leases the due events and tries each once. Returns how many were delivered. */
  async function runOnce(): Promise<number> {
    const events = await store.outbox.lease(clock(), batch, leaseMs);
    let delivered = 0;
    for (const event of events) {
      const failure = await attempt(event);
      if (failure === null) {
        await store.outbox.delivered(event.id, clock());
        delivered += 1;
      } else {
        await store.outbox.failed(event.id, failure, clock() + backoff(event.attempts + 1));
        logger.warn(
          { event: event.id, site: event.siteId, attempts: event.attempts + 1, failure },
          "webhook not delivered",
        );
      }
    }
    return delivered;
  }

  const job = periodic("outbox", logger, runOnce);
  return { ...job, start: (intervalMs = 1_000) => job.start(intervalMs) };
}
