import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { DeliveriesAnswer, DeliveryAnswer, SessionResponse } from "../../../server/contract/index.ts";
import { createLogger } from "../../../server/log.ts";
import {
  defaultBackoff,
  type OutboxOptions,
  outboxWorker,
  RETRY_SCHEDULE_MS,
} from "../../../server/outbox/worker.ts";
import { type TestApp, testApp } from "../../support/app.ts";
import { ENGINES } from "../../support/engines.ts";
import { BROWSER_SECRET, claim, decide, ORDER_KEY, paidOrder, seedShop } from "../../support/shop.ts";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A seller's webhook endpoint on 127.0.0.1 that fails its first `failures` deliveries with 503. */
async function receiver(
  failures: number,
): Promise<{ url: string; received: Received[]; failNoMore(): void; close(): Promise<void> }> {
  const received: Received[] = [];
  let failing = failures;
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      response.statusCode = received.length <= failing ? 503 : 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/aquarium`,
    received,
    failNoMore: () => {
      failing = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The worker as the server runs it, on the harness's store as it is now and the harness's clock. */
function workerOn(
  harness: TestApp,
  backoff: (attempts: number) => number | null,
  options: Omit<OutboxOptions, "backoff"> = {},
) {
  return outboxWorker(
    {
      config: harness.config,
      store: harness.store,
      logger: createLogger("silent"),
      clock: () => harness.now,
    },
    { backoff, ...options },
  );
}

describe.each(ENGINES)("the outbox on %s", (engine) => {
  let harness: TestApp;
  let endpoint: Awaited<ReturnType<typeof receiver>>;

  beforeEach(async () => {
    harness = await testApp(engine);
  });
  afterEach(async () => {
    await harness.dispose();
    await endpoint?.close();
  });

  async function acceptOne(url: string) {
    const shop = await seedShop(harness, { webhookUrl: url });
    await paidOrder(harness, shop.siteId);
    const { session } = SessionResponse.parse(
      await (
        await claim(harness, {
          site: shop.siteId,
          order: { source: "woocommerce", id: "727", key: ORDER_KEY },
        })
      ).json(),
    );
    const answer = await decide(
      harness,
      session.id,
      BROWSER_SECRET,
      { offer: shop.offers.tank, action: "accept" },
      "key-outbox-1",
    );
    expect(answer.status).toBe(200);
    return shop;
  }

  const worker = () => workerOn(harness, (attempts) => attempts * 1000);

  test("a decision's webhook is retried with backoff until the seller's endpoint takes it, signed every time", async () => {
    endpoint = await receiver(2);
    const shop = await acceptOne(endpoint.url);
    const outbox = worker();

    expect(await outbox.runOnce()).toBe(0); // 503
    expect(await outbox.runOnce()).toBe(0); // not due yet: the backoff holds it back
    expect(endpoint.received).toHaveLength(1);
    harness.now += 1000;
    expect(await outbox.runOnce()).toBe(0); // 503 again
    harness.now += 2000;
    expect(await outbox.runOnce()).toBe(1); // delivered
    harness.now += 60_000;
    expect(await outbox.runOnce()).toBe(0); // and never again
    expect(endpoint.received).toHaveLength(3);
    expect(await harness.store.outbox.pending(shop.siteId)).toEqual([]);

    const ids = new Set(endpoint.received.map((r) => r.headers["webhook-id"]));
    expect(ids.size).toBe(1);
    const secret = shop.secrets.outbound as string;
    for (const { headers, body } of endpoint.received) {
      // Recomputed rather than verified: the library checks the timestamp against the real clock,
      // and the worker signs with the harness's.
      const expected = new Webhook(secret).sign(
        headers["webhook-id"] as string,
        new Date(Number(headers["webhook-timestamp"]) * 1000),
        body,
      );
      expect(headers["webhook-signature"]).toBe(expected);
      expect(JSON.parse(body)).toMatchObject({
        type: "offer.accepted",
        data: { site: shop.siteId, decision: { amount: 6675 } },
      });
    }
  });

  test("a failure is recorded with its reason and attempt count", async () => {
    endpoint = await receiver(5);
    const shop = await acceptOne(endpoint.url);
    await worker().runOnce();
    const [pending] = await harness.store.outbox.pending(shop.siteId);
    expect(pending).toMatchObject({
      attempts: 1,
      lastError: "the endpoint answered 503",
      nextAttemptAt: harness.now + 1000,
    });
  });

  test("a site without a webhook URL keeps its events until it has one", async () => {
    const shop = await acceptOne("http://127.0.0.1:1/nowhere");
    await harness.store.sites.update(shop.siteId, { webhookUrl: null }, harness.now);
    await worker().runOnce();
    expect((await harness.store.outbox.pending(shop.siteId))[0]?.lastError).toContain("no webhook URL");
    endpoint = await receiver(0);
    await harness.store.sites.update(shop.siteId, { webhookUrl: endpoint.url }, harness.now);
    harness.now += 1000;
    expect(await worker().runOnce()).toBe(1);
  });

  test("two workers racing for the same events deliver each once", async () => {
    endpoint = await receiver(0);
    await acceptOne(endpoint.url);
    const [a, b] = await Promise.all([worker().runOnce(), worker().runOnce()]);
    expect(a + b).toBe(1);
    expect(endpoint.received).toHaveLength(1);
  });
});

describe.each(ENGINES)("the outbox across a restart on %s", (engine) => {
  test("an event whose delivery failed before the server stopped is delivered after it starts again", async () => {
    const harness = await testApp(engine, { file: true });
    const endpoint = await receiver(1);
    try {
      const shop = await seedShop(harness, { webhookUrl: endpoint.url });
      await paidOrder(harness, shop.siteId);
      const { session } = SessionResponse.parse(
        await (
          await claim(harness, {
            site: shop.siteId,
            order: { source: "woocommerce", id: "727", key: ORDER_KEY },
          })
        ).json(),
      );
      await decide(
        harness,
        session.id,
        BROWSER_SECRET,
        { offer: shop.offers.tank, action: "accept" },
        "key-restart",
      );
      const before = workerOn(harness, () => 1000);
      expect(await before.runOnce()).toBe(0);

      await harness.restart();
      harness.now += 1000;
      const after = workerOn(harness, () => 1000);
      expect(await after.runOnce()).toBe(1);
      expect(endpoint.received).toHaveLength(2);
      expect(JSON.parse(endpoint.received[1]?.body ?? "{}")).toMatchObject({ type: "offer.accepted" });
    } finally {
      await harness.dispose();
      await endpoint.close();
    }
  });
});

/** A seller's endpoint that holds every request open until told to answer. */
async function hangingReceiver() {
  const open: import("node:http").ServerResponse[] = [];
  let peak = 0;
  const server = createServer((request, response) => {
    request.resume();
    open.push(response);
    peak = Math.max(peak, open.filter((r) => !r.writableEnded).length);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slow`,
    waiting: () => open.filter((r) => !r.writableEnded).length,
    peak: () => peak,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe.each(ENGINES)("one tenant cannot stall another on %s", (engine) => {
  let harness: TestApp;
  beforeEach(async () => {
    harness = await testApp(engine);
  });
  afterEach(() => harness.dispose());

  /** A site with `count` outbound events waiting, to `url`: one declined offer on each of `count` orders. */
  async function siteWithEvents(url: string, count: number) {
    const shop = await seedShop(harness, { webhookUrl: url });
    for (let i = 0; i < count; i++) {
      const id = String(800 + i);
      await paidOrder(harness, shop.siteId, { externalId: id });
      const { session } = SessionResponse.parse(
        await (
          await claim(harness, { site: shop.siteId, order: { source: "woocommerce", id, key: ORDER_KEY } })
        ).json(),
      );
      await decide(
        harness,
        session.id,
        BROWSER_SECRET,
        { offer: shop.offers.tank, action: "decline" },
        `key-order-${id}`,
      );
    }
    return shop;
  }

  test("while other sites' endpoints hang, one site's events are delivered at once", async () => {
    const slow = await hangingReceiver();
    const fast = await receiver(0);
    try {
      for (const i of [1, 2, 3]) await siteWithEvents(`${slow.url}?site=${i}`, 3);
      const fastShop = await siteWithEvents(fast.url, 1);
      const worker = workerOn(harness, () => 1000, { timeoutMs: 2000, perSite: 2, concurrency: 16 });
      const pass = worker.runOnce();
      // The fast site's event arrives while the slow sites' requests are still hanging.
      const deadline = Date.now() + 1500;
      while (fast.received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(fast.received).toHaveLength(1);
      expect(slow.waiting()).toBeGreaterThan(0);
      expect(await pass).toBe(1);
      expect(await harness.store.outbox.pending(fastShop.siteId)).toEqual([]);
    } finally {
      await slow.close();
      await fast.close();
    }
  });

  test("one site never has more deliveries in flight than its cap, whatever its backlog", async () => {
    const slow = await hangingReceiver();
    try {
      const shop = await siteWithEvents(slow.url, 3);
      const worker = workerOn(harness, () => 1000, { timeoutMs: 500, perSite: 2, concurrency: 16 });
      await worker.runOnce();
      expect(slow.peak()).toBe(2);
      // The third was given back untried, and goes on the next pass.
      const untried = (await harness.store.outbox.pending(shop.siteId)).filter(
        (event) => event.attempts === 0,
      );
      expect(untried).toHaveLength(1);
    } finally {
      await slow.close();
    }
  });
});

describe.each(ENGINES)("attempts are bounded on %s", (engine) => {
  let harness: TestApp;
  beforeEach(async () => {
    harness = await testApp(engine);
  });
  afterEach(() => harness.dispose());

  test("the default schedule spreads a dozen attempts over about three days", () => {
    const waits = Array.from({ length: 12 }, (_, i) => defaultBackoff(i + 1));
    expect(waits.slice(0, 11).every((wait) => wait !== null)).toBe(true);
    expect(waits[11]).toBeNull();
    const total = RETRY_SCHEDULE_MS.reduce((sum, wait) => sum + wait, 0);
    expect(total / 86_400_000).toBeGreaterThan(2.5);
    expect(total / 86_400_000).toBeLessThan(3.5);
  });

  test("after its last attempt an event is given up on, shown to the seller as dead, and sent again on request", async () => {
    const endpoint = await receiver(1_000);
    try {
      const shop = await seedShop(harness, { webhookUrl: endpoint.url });
      await paidOrder(harness, shop.siteId);
      const { session } = SessionResponse.parse(
        await (
          await claim(harness, {
            site: shop.siteId,
            order: { source: "woocommerce", id: "727", key: ORDER_KEY },
          })
        ).json(),
      );
      await decide(
        harness,
        session.id,
        BROWSER_SECRET,
        { offer: shop.offers.tank, action: "decline" },
        "key-dead-1",
      );
      const worker = workerOn(harness, defaultBackoff);
      for (let i = 0; i < 14; i++) {
        await worker.runOnce();
        harness.now += 2 * 86_400_000;
      }
      expect(endpoint.received).toHaveLength(12);
      expect(await harness.store.outbox.pending(shop.siteId)).toEqual([]);

      const log = await (await harness.admin(`/sites/${shop.siteId}/deliveries`)).json();
      const [dead] = DeliveriesAnswer.parse(log).deliveries;
      expect(dead).toMatchObject({
        type: "offer.declined",
        status: "dead",
        attempts: 12,
        lastStatus: 503,
        lastError: "the endpoint answered 503",
      });

      const resent = await harness.admin(`/sites/${shop.siteId}/deliveries/${dead?.id}/resend`, {
        method: "POST",
      });
      expect(resent.status).toBe(200);
      expect(DeliveryAnswer.parse(await resent.json()).delivery).toMatchObject({
        status: "pending",
        attempts: 0,
      });
      endpoint.failNoMore();
      expect(await worker.runOnce()).toBe(1);
      const after = DeliveriesAnswer.parse(
        await (await harness.admin(`/sites/${shop.siteId}/deliveries`)).json(),
      );
      expect(after.deliveries[0]).toMatchObject({ status: "delivered", lastStatus: 204 });
    } finally {
      await endpoint.close();
    }
  });

  test("a site's delivery log is its own: another site's event cannot be seen or sent again through it", async () => {
    const mine = await seedShop(harness);
    const theirs = await seedShop(harness);
    await paidOrder(harness, theirs.siteId);
    const { session } = SessionResponse.parse(
      await (
        await claim(harness, {
          site: theirs.siteId,
          order: { source: "woocommerce", id: "727", key: ORDER_KEY },
        })
      ).json(),
    );
    await decide(
      harness,
      session.id,
      BROWSER_SECRET,
      { offer: theirs.offers.tank, action: "decline" },
      "key-theirs-1",
    );
    const [event] = await harness.store.outbox.pending(theirs.siteId);
    expect((await (await harness.admin(`/sites/${mine.siteId}/deliveries`)).json()).deliveries).toEqual([]);
    expect(
      (await harness.admin(`/sites/${mine.siteId}/deliveries/${event?.id}/resend`, { method: "POST" }))
        .status,
    ).toBe(404);
  });
});

describe("the webhook URL is checked again at every delivery", () => {
  test("a URL leading into a private network (stored before the check, or now resolving elsewhere) is never requested", async () => {
    const harness = await testApp("sqlite", { env: { ALLOW_LOOPBACK_HTTP: "false" } });
    const endpoint = await receiver(0);
    try {
      const shop = await seedShop(harness, { webhookUrl: null as never });
      // Written past the admin's check, as an old row or a name whose address changed would be.
      await harness.store.sites.update(shop.siteId, { webhookUrl: endpoint.url }, harness.now);
      await paidOrder(harness, shop.siteId);
      const { session } = SessionResponse.parse(
        await (
          await claim(harness, {
            site: shop.siteId,
            order: { source: "woocommerce", id: "727", key: ORDER_KEY },
          })
        ).json(),
      );
      await decide(
        harness,
        session.id,
        BROWSER_SECRET,
        { offer: shop.offers.tank, action: "decline" },
        "key-ssrf-1",
      );
      const worker = outboxWorker({
        config: harness.config,
        store: harness.store,
        logger: createLogger("silent"),
        clock: () => harness.now,
      });
      expect(await worker.runOnce()).toBe(0);
      expect(endpoint.received).toEqual([]);
      expect((await harness.store.outbox.pending(shop.siteId))[0]?.lastError).toContain("https");
    } finally {
      await harness.dispose();
      await endpoint.close();
    }
  });
});
