import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import { PaymentStatus } from "../contract/index.ts";
import type { Database } from "./schema.ts";
import type { ShownOrderRow, StatsStore } from "./store.ts";

const DAY_MS = 86_400_000;

/**
 * Counts what a site's offers did from its impressions, each joined to its order (for the currency), to its
 * decision and to the decision's payment, all by primary or unique keys: one grouped query for the figures, one
 * for the orders, two for a page of the order list (the page's sessions, then everything they were shown).
 */
export function statsStore(db: Kysely<Database>): StatsStore {
  /**
   * The site's impressions in [from, to), each with its order beside it; those of the admin's test orders are left
   * out, so a seller's tries never count as sales.
   */
  const shownIn = (siteId: string, from: number, to: number) =>
    db
      .selectFrom("impressions as i")
      .innerJoin("sessions as s", "s.id", "i.session_id")
      .innerJoin("orders as o", "o.id", "s.order_id")
      .where("o.test", "=", 0)
      .where("i.site_id", "=", siteId)
      .where("i.shown_at", ">=", from)
      .where("i.shown_at", "<", to);

  // Literals, not parameters: PostgreSQL must see the same expressions in SELECT and GROUP BY.
  const day = sql<number>`i.shown_at / ${sql.lit(DAY_MS)}`;
  // Offers are only ever shown in their order's currency; an accept's own currency is the one its money is in.
  const currency = sql<string>`coalesce(d.currency, o.currency)`;
  // A payment's state is its own row's (or, for decisions older than those rows, the decision's).
  const status = sql<string | null>`coalesce(p.status, d.payment_status)`;
  const refunded = sql<number>`coalesce(p.refunded, 0)`;
  const amount = sql.ref<number>("d.amount");

  return {
    async cells(siteId, from, to) {
      const rows = await shownIn(siteId, from, to)
        .leftJoin("decisions as d", (join) =>
          join.onRef("d.session_id", "=", "i.session_id").onRef("d.offer_id", "=", "i.offer_id"),
        )
        .leftJoin("payments as p", "p.decision_id", "d.id")
        .select((eb) => {
          /** The sum of `then` over the accepts (that also meet `when`). */
          const accepted = (then: typeof amount | number, ...when: Expression<SqlBool>[]) =>
            eb.fn.sum<number>(
              eb
                .case()
                .when(eb.and([eb("d.action", "=", "accept"), ...when]))
                .then(then)
                .else(0)
                .end(),
            );
          return [
            "i.offer_id as offerId",
            "i.step as step",
            day.as("day"),
            currency.as("currency"),
            eb.fn.countAll<number>().as("shown"),
            accepted(1).as("accepted"),
            eb.fn
              .sum<number>(eb.case().when("d.action", "=", "decline").then(1).else(0).end())
              .as("declined"),
            // Earned: what was paid, less what was refunded. A payment that failed earned nothing.
            accepted(sql<number>`${amount} - ${refunded}`, eb(status, "in", ["paid", "refunded"])).as("paid"),
            accepted(amount, eb(status, "in", ["pending", "requires_action"])).as("pending"),
            accepted(refunded).as("refunded"),
          ];
        })
        .groupBy(["i.offer_id", "i.step", day, currency])
        .execute();
      return rows.map((row) => ({
        offerId: row.offerId,
        step: Number(row.step),
        day: new Date(Number(row.day) * DAY_MS).toISOString().slice(0, 10),
        currency: row.currency,
        shown: Number(row.shown),
        accepted: Number(row.accepted ?? 0),
        declined: Number(row.declined ?? 0),
        paid: Number(row.paid ?? 0),
        pending: Number(row.pending ?? 0),
        refunded: Number(row.refunded ?? 0),
      }));
    },

    async orders(siteId, from, to) {
      const rows = await shownIn(siteId, from, to)
        .select((eb) => [
          "o.currency as currency",
          eb.fn.count<number>("i.session_id").distinct().as("orders"),
        ])
        .groupBy("o.currency")
        .execute();
      return rows.map((row) => ({ currency: row.currency, orders: Number(row.orders) }));
    },

    async shownOrders(siteId, from, to, { limit, offset }) {
      const first = sql<number>`min(i.shown_at)`;
      const sessions = await shownIn(siteId, from, to)
        .select(["i.session_id as sessionId", first.as("first")])
        .groupBy("i.session_id")
        .orderBy(first, "desc")
        .orderBy("i.session_id", "desc")
        .limit(limit)
        .offset(offset)
        .execute();
      if (sessions.length === 0) return [];
      const rows = await db
        .selectFrom("impressions as i")
        .innerJoin("sessions as s", "s.id", "i.session_id")
        .innerJoin("orders as o", "o.id", "s.order_id")
        .leftJoin("decisions as d", (join) =>
          join.onRef("d.session_id", "=", "i.session_id").onRef("d.offer_id", "=", "i.offer_id"),
        )
        .leftJoin("payments as p", "p.decision_id", "d.id")
        .select([
          "i.session_id as sessionId",
          "o.source as source",
          "o.external_id as externalId",
          "o.currency as currency",
          "i.step as step",
          "i.offer_id as offerId",
          "i.shown_at as shownAt",
          "i.offer as snapshot",
          "d.action as action",
          "d.quantity as quantity",
          "d.amount as amount",
          status.as("payment"),
          refunded.as("refunded"),
        ])
        .where(
          "i.session_id",
          "in",
          sessions.map((session) => session.sessionId),
        )
        .orderBy("i.step")
        .orderBy("i.shown_at")
        .execute();
      const orders = new Map<string, ShownOrderRow>(
        sessions.map((session) => [
          session.sessionId,
          { source: "", externalId: "", currency: "", shownAt: Number(session.first), offers: [] },
        ]),
      );
      for (const row of rows) {
        const order = orders.get(row.sessionId);
        if (!order) continue;
        Object.assign(order, { source: row.source, externalId: row.externalId, currency: row.currency });
        order.offers.push({
          step: Number(row.step),
          offerId: row.offerId,
          shownAt: Number(row.shownAt),
          snapshot: row.snapshot,
          action: row.action === "accept" || row.action === "decline" ? row.action : null,
          quantity: row.quantity === null ? null : Number(row.quantity),
          amount: row.amount === null ? null : Number(row.amount),
          payment: row.action === "accept" && row.payment ? PaymentStatus.parse(row.payment) : null,
          refunded: Number(row.refunded),
        });
      }
      return [...orders.values()];
    },
  };
}
