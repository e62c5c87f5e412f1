import type { Kysely, Selectable } from "kysely";
import type { Offer } from "../contract/index.ts";
import type { Outcome, Session } from "../domain.ts";
import { newId } from "../ids.ts";
import { toOrder } from "./orders.ts";
import type { Database } from "./schema.ts";
import type { SessionStore } from "./store.ts";

function toSession(row: Selectable<Database["sessions"]>): Session {
  return {
    id: row.id,
    siteId: row.site_id,
    orderId: row.order_id,
    secretHash: row.secret_hash,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
  };
}

/** What became of a shown offer, read off its decision (if any) and that decision's payment. */
export function outcomeOf(
  decision: { action: string | null; payment_status: string | null; settled_at: number | null } | null,
): Outcome {
  if (!decision?.action) return null;
  if (decision.action === "decline") return "declined";
  if (decision.settled_at === null) return "pending";
  return decision.payment_status === "failed" ? "failed" : "accepted";
}

/** The impression of `offer` as shown to a session, snapshot included. */
export const impressionRow = (session: { id: string; siteId: string }, offer: Offer, now: number) => ({
  session_id: session.id,
  offer_id: offer.id,
  site_id: session.siteId,
  step: offer.step,
  shown_at: now,
  offer: JSON.stringify(offer),
});

export function sessionStore(db: Kysely<Database>): SessionStore {
  return {
    async get(id) {
      const row = await db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
      return row ? toSession(row) : null;
    },

    async claim(session, now) {
      const id = newId("sess");
      await db
        .insertInto("sessions")
        .values({
          id,
          site_id: session.siteId,
          order_id: session.orderId,
          secret_hash: session.secretHash,
          expires_at: session.expiresAt,
          created_at: now,
        })
        .onConflict((oc) => oc.column("order_id").doNothing())
        .execute();
      const row = await db
        .selectFrom("sessions")
        .selectAll()
        .where("order_id", "=", session.orderId)
        .executeTakeFirstOrThrow();
      return { session: toSession(row), created: row.id === id };
    },

    async order(session) {
      const row = await db
        .selectFrom("orders")
        .selectAll()
        .where("id", "=", session.orderId)
        .executeTakeFirst();
      return row ? toOrder(row) : null;
    },

    async steps(sessionId) {
      const rows = await db
        .selectFrom("impressions")
        .leftJoin("decisions", (join) =>
          join
            .onRef("decisions.session_id", "=", "impressions.session_id")
            .onRef("decisions.offer_id", "=", "impressions.offer_id"),
        )
        .select([
          "impressions.offer_id as offerId",
          "impressions.offer as offer",
          "decisions.action as action",
          "decisions.payment_status as payment_status",
          "decisions.settled_at as settled_at",
        ])
        .where("impressions.session_id", "=", sessionId)
        .orderBy("impressions.step")
        .execute();
      return rows.map((row) => ({
        offerId: row.offerId,
        shown: row.offer ? (JSON.parse(row.offer) as Offer) : null,
        outcome: outcomeOf(row),
      }));
    },

    async show(session, offer, now) {
      await db
        .insertInto("impressions")
        .values(impressionRow(session, offer, now))
        // Once per offer; an impression recorded before snapshots were kept gets its snapshot now.
        .onConflict((oc) =>
          oc
            .columns(["session_id", "offer_id"])
            .doUpdateSet({ offer: JSON.stringify(offer) })
            .where("impressions.offer", "is", null),
        )
        .execute();
    },
  };
}
