import { type Kysely, sql } from "kysely";
import type { DayStats, OfferStats } from "../contract/index.ts";
import type { Database } from "./schema.ts";
import type { StatsStore } from "./store.ts";

const DAY_MS = 86_400_000;

/** Counts impressions and decisions in SQL (one grouped query each); the shapes are put together here. */
export function statsStore(db: Kysely<Database>): StatsStore {
  // A literal, not a parameter: PostgreSQL must see the same expression in SELECT and GROUP BY.
  const dayOf = (column: "shown_at" | "created_at") => sql<number>`${sql.ref(column)} / ${sql.lit(DAY_MS)}`;

  return {
    async site(siteId, from, to) {
      const shown = await db
        .selectFrom("impressions")
        .select((eb) => ["offer_id", dayOf("shown_at").as("day"), eb.fn.countAll<number>().as("count")])
        .where("site_id", "=", siteId)
        .where("shown_at", ">=", from)
        .where("shown_at", "<", to)
        .groupBy(["offer_id", dayOf("shown_at")])
        .execute();
      // A payment's state is its own row's (or, for decisions older than those rows, the decision's).
      const status = sql<string | null>`coalesce(payments.status, decisions.payment_status)`;
      const refunded = sql<number>`coalesce(payments.refunded, 0)`;
      const amount = sql.ref<number>("decisions.amount");
      const decided = await db
        .selectFrom("decisions")
        .leftJoin("payments", "payments.decision_id", "decisions.id")
        .select((eb) => [
          "decisions.offer_id as offer_id",
          "decisions.action as action",
          "decisions.currency as currency",
          sql<number>`decisions.created_at / ${sql.lit(DAY_MS)}`.as("day"),
          eb.fn.countAll<number>().as("count"),
          // Earned: what was paid, less what was refunded. A payment that failed earned nothing.
          eb.fn
            .sum<number>(
              eb
                .case()
                .when(status, "in", ["paid", "refunded"])
                .then(sql<number>`${amount} - ${refunded}`)
                .else(0)
                .end(),
            )
            .as("revenue"),
          eb.fn
            .sum<number>(
              eb.case().when(status, "in", ["pending", "requires_action"]).then(amount).else(0).end(),
            )
            .as("pending"),
          eb.fn.sum<number>(refunded).as("refunded"),
        ])
        .where("decisions.site_id", "=", siteId)
        .where("decisions.created_at", ">=", from)
        .where("decisions.created_at", "<", to)
        .groupBy([
          "decisions.offer_id",
          "decisions.action",
          "decisions.currency",
          sql`decisions.created_at / ${sql.lit(DAY_MS)}`,
        ])
        .execute();

      const offers = new Map<string, OfferStats>();
      const days = new Map<number, DayStats>();
      /** The entry for `key`, made empty the first time it is asked for. */
      const entry = <K, V>(map: Map<K, V>, key: K, empty: () => V): V => {
        const found = map.get(key);
        if (found) return found;
        const made = empty();
        map.set(key, made);
        return made;
      };
      const offer = (id: string) =>
        entry(offers, id, () => ({
          offerId: id,
          shown: 0,
          accepted: 0,
          declined: 0,
          revenue: 0,
          pending: 0,
          refunded: 0,
          currency: null,
        }));
      const day = (n: number) =>
        entry(days, n, () => ({
          day: new Date(n * DAY_MS).toISOString().slice(0, 10),
          shown: 0,
          accepted: 0,
          declined: 0,
          revenue: 0,
          pending: 0,
          refunded: 0,
        }));

      for (const row of shown) {
        offer(row.offer_id).shown += Number(row.count);
        day(Number(row.day)).shown += Number(row.count);
      }
      for (const row of decided) {
        const [o, d] = [offer(row.offer_id), day(Number(row.day))];
        if (row.action === "accept") {
          o.accepted += Number(row.count);
          o.currency = row.currency;
          d.accepted += Number(row.count);
          for (const sum of [o, d]) {
            sum.revenue += Number(row.revenue ?? 0);
            sum.pending += Number(row.pending ?? 0);
            sum.refunded += Number(row.refunded ?? 0);
          }
        } else {
          o.declined += Number(row.count);
          d.declined += Number(row.count);
        }
      }
      return {
        offers: [...offers.values()],
        days: [...days.entries()].sort(([a], [b]) => a - b).map(([, value]) => value),
      };
    },
  };
}
