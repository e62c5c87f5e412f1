import { Webhook } from "standardwebhooks";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { resolveDestination } from "../net/destination.ts";
import { postTo } from "../net/post.ts";
import { periodic } from "../periodic.ts";
import type { OutboxEvent } from "../store/store.ts";

/**
 * The waits after each failed attempt: a dozen attempts over about three days, then the event is given up on
 * (kept, shown to the seller, sent again on request).
 */
export const RETRY_SCHEDULE_MS = [5, 60, 300, 1800, 3600, 7200, 14_400, 28_800, 43_200, 86_400, 86_400].map(
  (seconds) => seconds * 1000,
);

/**
 * Delivered events stay in the seller's delivery log (and can be sent again) for 30 days, then are forgotten, so
 * the outbox does not grow for ever. Given-up events are kept until sent again.
 */
export const DELIVERED_KEPT_MS = 30 * 86_400_000;

/** The wait before the next attempt after `attempts` failed ones, with ±20 % jitter; null: give up. */
export function defaultBackoff(attempts: number): number | null {
  const wait = RETRY_SCHEDULE_MS[attempts - 1];
  return wait === undefined ? null : Math.round(wait * (0.8 + Math.random() * 0.4));
}

export interface OutboxOptions {
  /** Events leased per pass. */
  batch?: number;
  /** How long a leased event is ours before another worker may retry it (a crashed worker's events come back). */
  leaseMs?: number;
  /** How long a seller's endpoint has to answer. */
  timeoutMs?: number;
  /** Deliveries in flight at once, in all; and to one site, so that one slow endpoint holds back only its own. */
  concurrency?: number;
  perSite?: number;
  /** The wait before the next attempt after `attempts` failed ones, in ms; null gives the event up. */
  backoff?: (attempts: number) => number | null;
}

/**
 * Delivers the outbox to each site's webhook URL, signed per Standard Webhooks with the site's outbound
 * secret; `webhook-id` is the event's id on every attempt, so the seller can deduplicate. Deliveries run in
 * parallel, a few per site at most, each with a short timeout: a site whose endpoint hangs or fails delays
 * only its own events. The URL is checked again at every attempt and the request goes to the checked address.
 */
export function outboxWorker(
  {
    store,
    clock,
    logger,
    config,
    resolveHost,
  }: Pick<Deps, "store" | "clock" | "logger" | "resolveHost"> & { config?: Deps["config"] },
  options: OutboxOptions = {},
) {
  const {
    batch = 20,
    leaseMs = 60_000,
    timeoutMs = 5_000,
    concurrency = 16,
    perSite = 2,
    backoff = defaultBackoff,
  } = options;
  const allowLoopbackHttp = config?.allowLoopbackHttp ?? false;
  const inFlight = new Map<string, number>();
  const running = new Set<Promise<boolean>>();

  /** One attempt: null when it arrived, else what went wrong (and the status, if the endpoint answered). */
  async function attempt(
    event: OutboxEvent,
  ): Promise<{ error: string; status: number | null } | { status: number }> {
    const site = await store.sites.get(event.siteId);
    const secret = await store.sites.secret(event.siteId, "outbound");
    if (!site?.webhookUrl || !secret)
      return { error: "the site has no webhook URL or outbound secret", status: null };
    const body = JSON.stringify(event.payload);
    const at = new Date(clock());
    try {
      const destination = await resolveDestination(site.webhookUrl, allowLoopbackHttp, resolveHost);
      const { status } = await postTo(
        destination,
        {
          "content-type": "application/json",
          "user-agent": "Aquarium-Webhooks/1",
          "webhook-id": event.id,
          "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
          "webhook-signature": new Webhook(secret).sign(event.id, at, body),
        },
        body,
        timeoutMs,
      );
      return status >= 200 && status < 300
        ? { status }
        : { error: `the endpoint answered ${status}`, status };
    } catch (error) {
      const why =
        error instanceof AppError ? error.message : error instanceof Error ? error.message : String(error);
      return { error: `the endpoint could not be reached: ${why}`, status: null };
    }
  }

  async function deliver(event: OutboxEvent): Promise<boolean> {
    const outcome = await attempt(event);
    if (!("error" in outcome)) {
      await store.outbox.delivered(event.id, clock(), outcome.status);
      return true;
    }
    const wait = backoff(event.attempts + 1);
    await store.outbox.failed(
      event.id,
      { ...outcome, retryAt: wait === null ? null : clock() + wait },
      clock(),
    );
    logger.warn(
      {
        event: event.id,
        site: event.siteId,
        attempts: event.attempts + 1,
        failure: outcome.error,
        givenUp: wait === null,
      },
      wait === null ? "webhook given up on" : "webhook not delivered",
    );
    return false;
  }

  /** Leases what is due, starts each delivery the caps allow, gives back the rest; answers the deliveries started. */
  async function startDue(): Promise<Promise<boolean>[]> {
    const room = concurrency - running.size;
    if (room <= 0) return [];
    const busy = [...inFlight].filter(([, count]) => count >= perSite).map(([siteId]) => siteId);
    const started: Promise<boolean>[] = [];
    for (const event of await store.outbox.lease(clock(), Math.min(batch, room), leaseMs, busy)) {
      const count = inFlight.get(event.siteId) ?? 0;
      if (count >= perSite || running.size >= concurrency) {
        await store.outbox.release(event.id);
        continue;
      }
      inFlight.set(event.siteId, count + 1);
      const delivery = deliver(event)
        .catch((error: unknown) => {
          logger.error({ err: error, event: event.id }, "webhook delivery failed");
          return false;
        })
        .finally(() => {
          running.delete(delivery);
          const left = (inFlight.get(event.siteId) ?? 1) - 1;
          if (left > 0) inFlight.set(event.siteId, left);
          else inFlight.delete(event.siteId);
        });
      running.add(delivery);
      started.push(delivery);
    }
    return started;
  }

  // The timer's passes start deliveries and do not wait for them: a slow endpoint never holds up the next pass.
  const job = periodic("outbox", logger, async () => (await startDue()).length);
  return {
    /** One pass, waiting for the deliveries it started: how many arrived. */
    async runOnce(): Promise<number> {
      const outcomes = await Promise.all(await startDue());
      return outcomes.filter(Boolean).length;
    },
    start: (intervalMs = 1_000) => job.start(intervalMs),
    async stop() {
      await job.stop();
      await Promise.all(running);
    },
  };
}
