import { afterEach, describe, expect, test } from "vitest";
import { openStore } from "../../server/store/open.ts";
import { ENGINES, freshDatabase } from "../support/engines.ts";
import { freePort, kill, type Running, spawnServer, waitForLog } from "../support/process.ts";
import { call, REMOTE_ORIGIN, remoteShop, webhookReceiver } from "../support/remote-shop.ts";

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
    const answer = await call(base, "/v1/sessions", {
      headers: { origin: REMOTE_ORIGIN },
      json: { site: siteId, order: { source: "woocommerce", id: "727", key } },
    });
    expect(answer.status).toBe(201);
    return answer.json.session as { id: string; secret: string };
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
    const store = await openStore(database.url);
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

  test("100 concurrent accepts of one offer spread over both make one decision, one charge and one webhook", async () => {
    const database = await freshDatabase("postgres");
    cleanups.push(database.drop);
    const receiver = await webhookReceiver();
    cleanups.push(receiver.close);
    const servers = await Promise.all(
      [0, 1].map(async () => {
        const port = await freePort();
        const running = spawnServer({
          ADMIN_TOKEN: TOKEN,
          PORT: String(port),
          DATABASE_URL: database.url,
          LOG_LEVEL: "warn",
        });
        cleanups.push(() => kill(running));
        return { base: `http://127.0.0.1:${port}`, running };
      }),
    );
    // Both were started at once on an empty database: migrations ran once, under Kysely's lock.
    for (const { base } of servers) {
      const deadline = Date.now() + 15_000;
      while ((await fetch(`${base}/healthz`).catch(() => null))?.status !== 200 && Date.now() < deadline) {
        await new Promise((done) => setTimeout(done, 100));
      }
    }
    const [a, b] = servers.map((s) => s.base) as [string, string];
    const shop = await remoteShop(a, TOKEN, receiver.url);
    const session = (
      await call(b, "/v1/sessions", {
        headers: { origin: REMOTE_ORIGIN },
        json: { site: shop.siteId, order: { source: "woocommerce", id: "727", key: shop.orderKey } },
      })
    ).json.session;

    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        call(i % 2 ? a : b, `/v1/sessions/${session.id}/decisions`, {
          headers: {
            origin: REMOTE_ORIGIN,
            authorization: `Bearer ${session.secret}`,
            "idempotency-key": `key-race-${i}-xxxx`,
          },
          json: { offer: shop.offerId, action: "accept" },
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    expect(new Set(answers.map((answer) => answer.json.decision.id)).size).toBe(1);

    const deadline = Date.now() + 10_000;
    while (receiver.received.length === 0 && Date.now() < deadline)
      await new Promise((done) => setTimeout(done, 100));
    await new Promise((done) => setTimeout(done, 2500)); // both outbox workers have had their turns
    expect(receiver.received).toHaveLength(1);
    const store = await openStore(database.url);
    expect(await store.payments.list(shop.siteId)).toHaveLength(1);
    await store.close();
  }, 60_000);
});
