import { randomBytes } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { Database } from "./schema.ts";
import type { OutboxEvent, OutboxStore } from "./store.ts";

function toEvent(row: Selectable<Database["outbox"]>): OutboxEvent {
  return {
    id: row.id,
    siteId: row.site_id,
    type: row.type,
    payload: JSON.parse(row.payload),
    attempts: row.attempts,
    createdAt: row.created_at,
  };
}

export function outboxStore(db: Kysely<Database>): OutboxStore {
  return {
    async lease(now, limit, leaseMs) {
      const token = randomBytes(12).toString("base64url");
      const due = db
        .selectFrom("outbox")
        .select("id")
        .where("delivered_at", "is", null)
        .where("next_attempt_at", "<=", now)
        .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", now)]))
        .orderBy("next_attempt_at")
        .limit(limit);
      // The outer conditions are checked again on the row being updated, so two workers racing
      // for one event cannot both take it (PostgreSQL re-evaluates them after a concurrent update).
      await db
        .updateTable("outbox")
        .set({ locked_until: now + leaseMs, lock_token: token })
        .where("id", "in", due)
        .where("delivered_at", "is", null)
        .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", now)]))
        .execute();
      const rows = await db
        .selectFrom("outbox")
        .selectAll()
        .where("lock_token", "=", token)
        .orderBy("next_attempt_at")
        .execute();
      return rows.map(toEvent);
    },

    async delivered(id, now) {
      await db
        .updateTable("outbox")
        .set((eb) => ({
          delivered_at: now,
          locked_until: null,
          lock_token: null,
          last_error: null,
          attempts: eb("attempts", "+", 1),
        }))
        .where("id", "=", id)
        .execute();
    },

    async failed(id, error, retryAt) {
      await db
        .updateTable("outbox")
        .set((eb) => ({
          next_attempt_at: retryAt,
          locked_until: null,
          lock_token: null,
          last_error: error.slice(0, 500),
          attempts: eb("attempts", "+", 1),
        }))
        .where("id", "=", id)
        .execute();
    },

    async pending(siteId) {
      let query = db.selectFrom("outbox").selectAll().where("delivered_at", "is", null);
      if (siteId) query = query.where("site_id", "=", siteId);
      const rows = await query.orderBy("created_at").execute();
      return rows.map((row) => ({
        ...toEvent(row),
        lastError: row.last_error,
        nextAttemptAt: row.next_attempt_at,
      }));
    },
  };
}
