import type { Kysely } from "kysely";
import { type Counters, windowOf } from "../rate-limit.ts";
import type { Database } from "./schema.ts";

/**
 * Rate-limit tallies in the database, shared by every instance: one upsert counts every key of a call and
 * answers their counts. Rows outlive their window only until the next sweep.
 */
export function counterStore(db: Kysely<Database>): Counters & { sweep(now: number): Promise<number> } {
  return {
    async add(hits, now) {
      if (hits.length === 0) return [];
      const rows = hits.map(({ key, windowMs, by }) => {
        const { start, end } = windowOf(windowMs, now);
        return { key, window_start: start, count: by, expires_at: end };
      });
      const counted = await db
        .insertInto("rate_limits")
        .values(rows)
        .onConflict((oc) =>
          oc
            .columns(["key", "window_start"])
            .doUpdateSet((eb) => ({ count: eb("rate_limits.count", "+", eb.ref("excluded.count")) })),
        )
        .returning(["key", "window_start", "count", "expires_at"])
        .execute();
      return rows.map((row) => {
        const found = counted.find((c) => c.key === row.key && c.window_start === row.window_start);
        return { count: found?.count ?? row.count, resetAt: row.expires_at };
      });
    },

    async sweep(now) {
      const result = await db.deleteFrom("rate_limits").where("expires_at", "<", now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
