import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { SessionResponse } from "../../server/contract/index.ts";
import { createLogger } from "../../server/log.ts";
import { outboxWorker } from "../../server/outbox/worker.ts";
import { type TestApp, testApp } from "../support/app.ts";
import { ENGINES } from "../support/engines.ts";
import { BROWSER_SECRET, claim, decide, ORDER_KEY, paidOrder, seedShop } from "../support/shop.ts";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A seller's webhook endpoint on 127.0.0.1 that fails its first `failures` deliveries with 503. */
async function receiver(
  failures: number,
): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      response.statusCode = received.length <= failures ? 503 : 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/aquarium`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The worker as the server runs it, on the harness's store as it is now and the harness's clock. */
function workerOn(harness: TestApp, backoff: (attempts: number) => number) {
  return outboxWorker(
    {
      config: undefined as never,
      store: harness.store,
      logger: createLogger("silent"),
      clock: () => harness.now,
    },
    { backoff },
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
