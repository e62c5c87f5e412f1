import { DatabaseSync, StatementSync } from "node:sqlite";
import { afterEach, describe, expect, test, vi } from "vitest";
import { type TestApp, testApp } from "../../support/app.ts";
import { buyer } from "../../support/buyers.ts";
import { ENGINES } from "../../support/engines.ts";
import { seedShop } from "../../support/shop.ts";

/** `count` buyers of the site each accept their offer: one `offer.accepted` event each, due now. */
async function accepted(harness: TestApp, siteId: string, count: number, from = 0) {
  for (let n = from; n < from + count; n++)
    await buyer(harness, siteId, { id: String(800 + n), key: `wc_order_key${n}`, actions: ["accept"] });
}

describe.each(ENGINES)("the outbox kept by the store on %s", (engine) => {
  let harness: TestApp;
  afterEach(() => harness.dispose());

  test("delivered events are forgotten once older than the cut; those to send and those given up on stay", async () => {
    harness = await testApp(engine);
    const { siteId } = await seedShop(harness);
    await accepted(harness, siteId, 5);
    const events = await harness.store.outbox.lease(harness.now, 10, 60_000, []);
    expect(events).toHaveLength(5);
    const [old1, old2, recent, dead] = events;
    await harness.store.outbox.delivered(old1?.id ?? "", harness.now + 1_000, 200);
    await harness.store.outbox.delivered(old2?.id ?? "", harness.now + 2_000, 200);
    await harness.store.outbox.delivered(recent?.id ?? "", harness.now + 9_000, 200);
    await harness.store.outbox.failed(
      dead?.id ?? "",
      { error: "gone", status: 410, retryAt: null },
      harness.now,
    );
    expect(await harness.store.outbox.prune(harness.now + 5_000)).toBe(2);
    const kept = await harness.store.outbox.list(siteId, 10);
    expect(kept.map((event) => event.status).sort()).toEqual(["dead", "delivered", "pending"]);
    expect(kept.find((event) => event.status === "delivered")?.id).toBe(recent?.id);
  });

  test("a lease takes each due event once, oldest first, and skips the sites asked", async () => {
    harness = await testApp(engine);
    const { siteId } = await seedShop(harness);
    await accepted(harness, siteId, 3);
    const first = await harness.store.outbox.lease(harness.now, 2, 60_000, []);
    const second = await harness.store.outbox.lease(harness.now, 10, 60_000, []);
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(1);
    expect(new Set([...first, ...second].map((event) => event.id)).size).toBe(3);
    expect(first[0]?.createdAt).toBeLessThanOrEqual(first[1]?.createdAt ?? 0);
    await harness.store.outbox.release(second[0]?.id ?? "");
    expect(await harness.store.outbox.lease(harness.now, 10, 60_000, [siteId])).toEqual([]);
    // A lease that ran out comes back.
    expect(await harness.store.outbox.lease(harness.now + 61_000, 10, 60_000, [])).toHaveLength(3);
  });
});

describe("the outbox lease on SQLite", () => {
  let harness: TestApp;
  afterEach(async () => {
    vi.restoreAllMocks();
    await harness.dispose();
  });

  test("no statement of a lease walks the whole outbox, however many events were delivered or given up on", async () => {
    harness = await testApp("sqlite", { file: true });
    const { siteId } = await seedShop(harness);
    await accepted(harness, siteId, 6);
    for (const event of await harness.store.outbox.lease(harness.now, 4, 60_000, [])) {
      await harness.store.outbox.delivered(event.id, harness.now, 200);
    }
    const executed = new Set<string>();
    for (const method of ["all", "run", "get", "iterate"] as const) {
      const original = StatementSync.prototype[method];
      vi.spyOn(StatementSync.prototype, method).mockImplementation(function (this: StatementSync, ...args) {
        executed.add(this.sourceSQL);
        return (original as (...a: unknown[]) => unknown).apply(this, args) as never;
      });
    }
    expect(await harness.store.outbox.lease(harness.now, 10, 60_000, [])).toHaveLength(2);
    vi.restoreAllMocks();
    const plans = new DatabaseSync((harness.store as unknown as { url: string }).url.slice("sqlite:".length));
    try {
      const outbox = [...executed].filter((sql) => /"outbox"/.test(sql));
      expect(outbox.length).toBeGreaterThanOrEqual(2);
      for (const sql of outbox) {
        const plan = plans.prepare(`explain query plan ${sql}`).all() as { detail: string }[];
        // Each step on the outbox goes by the index of the events still to send, or by an event's id.
        for (const { detail } of plan.filter((step) => /\boutbox\b/.test(step.detail)))
          expect(detail).toMatch(/^SEARCH outbox USING INDEX (outbox_pending|sqlite_autoindex_outbox_1) /);
      }
    } finally {
      plans.close();
    }
  });
});
