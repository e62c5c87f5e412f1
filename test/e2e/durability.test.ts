import { afterEach, describe, expect, test } from "vitest";
import { SellerEvent } from "../../server/contract/index.ts";
import { openStore } from "../../server/store/open.ts";
import { ENGINES, freshDatabase } from "../support/engines.ts";
import { freePort, kill, type Running, spawnServer, waitForLog } from "../support/process.ts";
import { call, REMOTE_ORIGIN, remoteShop, webhookReceiver } from "../support/remote-shop.ts";
import { testBox } from "../support/secrets.ts";
import { browserSecret } from "../support/shop.ts";

const TOKEN = "durability-admin-token-0123456789abcdef";

/** Real server processes, killed and restarted: what was answered 2xx is never lost, nothing happens twice. */
describe.each(ENGINES)("durability on %s", (engine) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function server(databaseUrl: string): Promise<{ base: string; running: Running }> {
    const port = await freePort();
    const running = spawnServer({
      ADMIN_TOKEN: TOKEN,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: "info",
    });
    cleanups.push(() => kill(running));
    await waitForLog(running, "listening");
    return { base: `http://127.0.0.1:${port}`, running };
  }

  async function claim(base: string, siteId: string, key: string) {
    const secret = browserSecret();
    const answer = await call(base, "/v1/sessions", {
      headers: { origin: REMOTE_ORIGIN },
      json: { site: siteId, order: { source: "woocommerce", id: "727", key }, secret },
    });
    expect(answer.status).toBe(201);
    return { id: answer.json.session.id as string, secret };
  }
  const accept = (base: string, session: { id: string; secret: string }, offer: string, key: string) =>
    call(base, `/v1/sessions/${session.id}/decisions`, {
      headers: { origin: REMOTE_ORIGIN, authorization: `Bearer ${session.secret}`, "idempotency-key": key },
      json: { offer, action: "accept" },
    });

  test("a process killed with SIGKILL right after answering an accept comes back with the decision, and its webhook is delivered", async () => {
    const database = await freshDatabase(engine, { file: true });
    cleanups.push(database.drop);
    const receiverPort = await freePort();
    const first = await server(database.url);
    // The seller's endpoint is down while the first process runs: the webhook can only be delivered later.
    const shop = await remoteShop(first.base, TOKEN, `http://127.0.0.1:${receiverPort}/hook`);
    const session = await claim(first.base, shop.siteId, shop.orderKey);
    const answered = await accept(first.base, session, shop.offerId, "key-durable-0001");
    expect(answered.status).toBe(200);
    await kill(first.running);
    expect(first.running.child.signalCode).toBe("SIGKILL");

    const receiver = await webhookReceiver(receiverPort);
    cleanups.push(receiver.close);
    const second = await server(database.url);
    // The same request again replays the stored answer: the decision survived.
    const replay = await accept(second.base, session, shop.offerId, "key-durable-0001");
    expect(replay.status).toBe(200);
    expect(replay.text).toBe(answered.text);
    const deadline = Date.now() + 20_000;
    while (receiver.received.length === 0 && Date.now() < deadline)
      await new Promise((done) => setTimeout(done, 100));
    expect(receiver.received).toHaveLength(1);
    expect(JSON.parse(receiver.received[0] ?? "{}")).toMatchObject({
      type: "offer.accepted",
      data: { decision: { id: answered.json.decision.id, amount: 6675 } },
    });
    await kill(second.running);
    const store = await openStore(database.url, testBox());
    expect(await store.payments.list(shop.siteId)).toHaveLength(1);
    expect(await store.outbox.pending(shop.siteId)).toEqual([]);
    await store.close();
  }, 60_000);
});

describe("two server processes on one PostgreSQL database", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function twoServers(webhookUrl: string) {
    const database = await freshDatabase("postgres");
    cleanups.push(database.drop);
    const servers = await Promise.all(
      [0, 1].map(async () => {
        const port = await freePort();
        const running = spawnServer({
          ADMIN_TOKEN: TOKEN,
          PORT: String(port),
          DATABASE_URL: database.url,
          LOG_LEVEL: "warn",
          RATE_LIMIT_PER_MINUTE: "100000",
        });
        cleanups.push(() => kill(running));
        return `http://127.0.0.1:${port}`;
      }),
    );
    // Both were started at once on an empty database: migrations ran once, under Kysely's lock.
    for (const base of servers) {
      const deadline = Date.now() + 15_000;
      while ((await fetch(`${base}/healthz`).catch(() => null))?.status !== 200 && Date.now() < deadline) {
        await new Promise((done) => setTimeout(done, 100));
      }
    }
    const [a, b] = servers as [string, string];
    return { a, b, database, shop: await remoteShop(a, TOKEN, webhookUrl) };
  }

  const decideOn = (base: string, session: { id: string; secret: string }, key: string, body: unknown) =>
    call(base, `/v1/sessions/${session.id}/decisions`, {
      headers: { origin: REMOTE_ORIGIN, authorization: `Bearer ${session.secret}`, "idempotency-key": key },
      json: body,
    });

  async function claimOn(base: string, siteId: string, order: { id: string; key: string }) {
    const secret = browserSecret();
    const answer = await call(base, "/v1/sessions", {
      headers: { origin: REMOTE_ORIGIN },
      json: { site: siteId, order: { source: "woocommerce", ...order }, secret },
    });
    expect(answer.status).toBe(201);
    return { id: answer.json.session.id as string, secret };
  }

  async function receivedAtLeast(receiver: { received: string[] }, count: number) {
    const deadline = Date.now() + 20_000;
    while (receiver.received.length < count && Date.now() < deadline)
      await new Promise((done) => setTimeout(done, 100));
    await new Promise((done) => setTimeout(done, 2500)); // both outbox workers have had their turns
  }

  test("100 concurrent accepts of one offer spread over both make one decision, one charge and one webhook", async () => {
    const receiver = await webhookReceiver();
    cleanups.push(receiver.close);
    const { a, b, database, shop } = await twoServers(receiver.url);
    const session = await claimOn(b, shop.siteId, { id: "727", key: shop.orderKey });

    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        decideOn(i % 2 ? a : b, session, `key-race-${i}-xxxx`, { offer: shop.offerId, action: "accept" }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    expect(new Set(answers.map((answer) => answer.json.decision.id)).size).toBe(1);

    await receivedAtLeast(receiver, 1);
    expect(receiver.received).toHaveLength(1);
    const store = await openStore(database.url, testBox());
    expect(await store.payments.list(shop.siteId)).toHaveLength(1);
    await store.close();
  }, 60_000);

  test("30 rounds of racing accepts, declines and quantities over both: each stored decision matches its payment and its webhook, one charge per offer", async () => {
    const receiver = await webhookReceiver();
    cleanups.push(receiver.close);
    const { a, b, database, shop } = await twoServers(receiver.url);
    const variants = [
      { action: "accept", quantity: 1 },
      { action: "accept", quantity: 2 },
      { action: "accept", quantity: 3 },
      { action: "decline" },
    ];
    const sessions: string[] = [];
    for (let round = 0; round < 30; round++) {
      const session = await claimOn(round % 2 ? a : b, shop.siteId, await shop.newOrder(5000 + round));
      sessions.push(session.id);
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          decideOn(i % 2 ? a : b, session, `key-r${round}-${i}`, {
            offer: shop.offerId,
            ...variants[(i + round) % variants.length],
          }),
        ),
      );
      // Quantity 3 is over the offer's limit: refused before anything is decided.
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.every((s) => s === 200 || s === 409 || s === 400)).toBe(true);
    }
    await receivedAtLeast(receiver, 30);
    const events = receiver.received.map((body) => SellerEvent.parse(JSON.parse(body)));
    expect(events).toHaveLength(30);

    const store = await openStore(database.url, testBox());
    try {
      const payments = await store.payments.list(shop.siteId);
      for (const sessionId of sessions) {
        const decision = await store.decisions.find(sessionId, { offerId: shop.offerId });
        expect(decision?.settled).toBe(true);
        const told = events.filter((event) => event.data.decision.id === decision?.id);
        expect(told).toHaveLength(1);
        expect(told[0]?.data.decision).toEqual(decision?.response.decision);
        expect(told[0]?.data.decision).toMatchObject({
          action: decision?.action,
          quantity: decision?.quantity,
          amount: decision?.amount,
        });
        const paid = payments.filter((payment) => payment.decisionId === decision?.id);
        if (decision?.action === "accept") {
          expect(decision.amount).toBe(6675 * decision.quantity);
          expect(paid).toMatchObject([{ amount: decision.amount, currency: "USD", status: "paid" }]);
        } else {
          expect(paid).toEqual([]);
        }
      }
      // No payment belongs to a decision that lost.
      expect(
        payments.every((payment) => events.some((event) => event.data.decision.id === payment.decisionId)),
      ).toBe(true);
    } finally {
      await store.close();
    }
  }, 120_000);
});
