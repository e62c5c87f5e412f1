import { randomBytes } from "node:crypto";
import type { Insertable, Kysely, Selectable, Transaction } from "kysely";
import type { OutboundEvent } from "../domain.ts";
import { newId } from "../ids.ts";
import { type Executor, prepared, preparedInsert } from "./prepared.ts";
import type { Database } from "./schema.ts";
import type { OutboxDelivery, OutboxEvent, OutboxStore } from "./store.ts";

type Row = Selectable<Database["outbox"]>;

function toEvent(row: Row): OutboxEvent {
  return {
    id: row.id,
    siteId: row.site_id,
    type: row.type,
    payload: JSON.parse(row.payload),
    attempts: row.attempts,
    createdAt: row.created_at,
  };
}

function toDelivery(row: Row): OutboxDelivery {
  return {
    ...toEvent(row),
    status: row.delivered_at !== null ? "delivered" : row.dead_at !== null ? "dead" : "pending",
    lastStatus: row.last_status,
    lastError: row.last_error,
    nextAttemptAt: row.delivered_at === null && row.dead_at === null ? row.next_attempt_at : null,
    deliveredAt: row.delivered_at,
    deadAt: row.dead_at,
  };
}

/** An event as its outbox row, due now. */
const eventRow = (siteId: string, event: OutboundEvent, now: number): Insertable<Database["outbox"]> => ({
  id: newId("msg"),
  site_id: siteId,
  type: event.type,
  payload: JSON.stringify(event.payload),
  attempts: 0,
  next_attempt_at: now,
  locked_until: null,
  lock_token: null,
  delivered_at: null,
  last_error: null,
  created_at: now,
});

/** Writes an event for the seller to the outbox, inside the transaction that records what it reports. */
export async function enqueue(tx: Transaction<Database>, siteId: string, event: OutboundEvent, now: number) {
  await tx
    .insertInto("outbox")
    .values(eventRow(siteId, event, now))
    .execute();
}

/** `enqueue`, compiled once for this database: for the decisions' hot path. */
export function preparedEnqueue(db: Kysely<Database>) {
  const insert = preparedInsert(db, "outbox", [
    "id",
    "site_id",
    "type",
    "payload",
    "attempts",
    "next_attempt_at",
    "locked_until",
    "lock_token",
    "delivered_at",
    "last_error",
    "created_at",
  ]);
  return (tx: Executor, siteId: string, event: OutboundEvent, now: number) =>
    insert(tx, eventRow(siteId, event, now));
}

export function outboxStore(db: Kysely<Database>): OutboxStore {
  const live = () => db.selectFrom("outbox").where("delivered_at", "is", null).where("dead_at", "is", null);
  const take = prepared<{ id: string; now: number; until: number; token: string }, Row>((param) =>
    db
      .updateTable("outbox")
      .set({ locked_until: param("until"), lock_token: param("token") })
      .where("id", "=", param("id"))
      .where("delivered_at", "is", null)
      .where("dead_at", "is", null)
      .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", param("now"))]))
      .returningAll(),
  );

  return {
    async lease(now, limit, leaseMs, excludeSites) {
      // The due events, from the index of the events still to send (migration 0011_speed).
      let due = live()
        .select("id")
        .where("next_attempt_at", "<=", now)
        .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", now)]));
      if (excludeSites.length > 0) due = due.where("site_id", "not in", excludeSites);
      const ids = (await due.orderBy("next_attempt_at").limit(limit).execute()).map((row) => row.id);
      // Each taken by its id (so by its primary key, whatever the planner makes of the table's other indexes),
      // only if still free: the conditions are checked again on the row being updated, so two workers racing for
      // one event cannot both take it (PostgreSQL re-evaluates them after a concurrent update; SQLite has one
      // writer). The update returns the row.
      const token = randomBytes(12).toString("base64url");
      const taken: OutboxEvent[] = [];
      for (const id of ids) {
        const row = await take(db, { id, now, until: now + leaseMs, token });
        if (row.rows[0]) taken.push(toEvent(row.rows[0]));
      }
      return taken;
    },

    async release(id) {
      await db
        .updateTable("outbox")
        .set({ locked_until: null, lock_token: null })
        .where("id", "=", id)
        .execute();
    },

    async delivered(id, now, status) {
      await db
        .updateTable("outbox")
        .set((eb) => ({
          delivered_at: now,
          locked_until: null,
          lock_token: null,
          last_error: null,
          last_status: status,
          attempts: eb("attempts", "+", 1),
        }))
        .where("id", "=", id)
        .execute();
    },

    async failed(id, failure, now) {
      await db
        .updateTable("outbox")
        .set((eb) => ({
          next_attempt_at: failure.retryAt ?? now,
          dead_at: failure.retryAt === null ? now : null,
          locked_until: null,
          lock_token: null,
          last_error: failure.error.slice(0, 500),
          last_status: failure.status,
          attempts: eb("attempts", "+", 1),
        }))
        .where("id", "=", id)
        .execute();
    },

    async pending(siteId) {
      let query = live().selectAll();
      if (siteId) query = query.where("site_id", "=", siteId);
      const rows = await query.orderBy("created_at").execute();
      return rows.map((row) => ({
        ...toEvent(row),
        lastError: row.last_error,
        nextAttemptAt: row.next_attempt_at,
      }));
    },

    async list(siteId, limit) {
      const rows = await db
        .selectFrom("outbox")
        .selectAll()
        .where("site_id", "=", siteId)
        .orderBy("created_at", "desc")
        .orderBy("id")
        .limit(limit)
        .execute();
      return rows.map(toDelivery);
    },

    async prune(before) {
      const result = await db.deleteFrom("outbox").where("delivered_at", "<", before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async resend(siteId, id, now) {
      const result = await db
        .updateTable("outbox")
        .set({
          delivered_at: null,
          dead_at: null,
          attempts: 0,
          next_attempt_at: now,
          locked_until: null,
          lock_token: null,
        })
        .where("site_id", "=", siteId)
        .where("id", "=", id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}
