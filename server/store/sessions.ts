import type { Kysely, Selectable } from "kysely";
import { newId } from "./ids.ts";
import { toOrder } from "./orders.ts";
import type { Database } from "./schema.ts";
import type { Session, SessionStore, StoredDecision } from "./store.ts";

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

type DecisionRow = Pick<
  Selectable<Database["decisions"]>,
  "id" | "session_id" | "offer_id" | "action" | "idempotency_key" | "request_hash" | "response"
>;

function toDecision(row: DecisionRow): StoredDecision {
  return {
    id: row.id,
    sessionId: row.session_id,
    offerId: row.offer_id,
    action: row.action as StoredDecision["action"],
    idempotencyKey: row.idempotency_key,
    requestHash: row.request_hash,
    response: JSON.parse(row.response),
  };
}

const DECISION_COLUMNS = [
  "id",
  "session_id",
  "offer_id",
  "action",
  "idempotency_key",
  "request_hash",
  "response",
] as const;

export function sessionStore(db: Kysely<Database>): SessionStore {
  async function get(id: string): Promise<Session | null> {
    const row = await db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toSession(row) : null;
  }

  async function findDecision(sessionId: string, by: { offerId: string } | { idempotencyKey: string }) {
    const query = db.selectFrom("decisions").select(DECISION_COLUMNS).where("session_id", "=", sessionId);
    const row = await ("offerId" in by
      ? query.where("offer_id", "=", by.offerId)
      : query.where("idempotency_key", "=", by.idempotencyKey)
    ).executeTakeFirst();
    return row ? toDecision(row) : null;
  }

  return {
    get,
    findDecision,

    async forOrder(orderId) {
      const row = await db
        .selectFrom("sessions")
        .selectAll()
        .where("order_id", "=", orderId)
        .executeTakeFirst();
      return row ? toSession(row) : null;
    },

    async claim(session, now) {
      const id = newId("sess");
      const inserted = await db
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
        .executeTakeFirst();
      const row = await db
        .selectFrom("sessions")
        .selectAll()
        .where("order_id", "=", session.orderId)
        .executeTakeFirstOrThrow();
      return { session: toSession(row), created: inserted.numInsertedOrUpdatedRows === 1n && row.id === id };
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
        .select(["impressions.offer_id as offerId", "decisions.action as action"])
        .where("impressions.session_id", "=", sessionId)
        .orderBy("impressions.step")
        .execute();
      return rows.map((row) => ({
        offerId: row.offerId,
        action: (row.action as "accept" | "decline" | null) ?? null,
      }));
    },

    async show(session, offerId, step, now) {
      await db
        .insertInto("impressions")
        .values({ session_id: session.id, offer_id: offerId, site_id: session.siteId, step, shown_at: now })
        .onConflict((oc) => oc.doNothing())
        .execute();
    },

    async decide(decision, now) {
      const { id } = decision;
      const created = await db.transaction().execute(async (tx) => {
        const inserted = await tx
          .insertInto("decisions")
          .values({
            id,
            session_id: decision.sessionId,
            site_id: decision.siteId,
            offer_id: decision.offerId,
            action: decision.action,
            quantity: decision.quantity,
            amount: decision.amount,
            currency: decision.currency,
            payment_status: decision.paymentStatus,
            idempotency_key: decision.idempotencyKey,
            request_hash: decision.requestHash,
            response: JSON.stringify(decision.response),
            created_at: now,
          })
          // Either unique constraint (one per offer, one per key) makes this a no-op for every racer but one.
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        if (inserted.numInsertedOrUpdatedRows === 0n) return false;
        if (decision.next) {
          await tx
            .insertInto("impressions")
            .values({
              session_id: decision.sessionId,
              offer_id: decision.next.offerId,
              site_id: decision.siteId,
              step: decision.next.step,
              shown_at: now,
            })
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
        await tx
          .insertInto("outbox")
          .values({
            id: newId("msg"),
            site_id: decision.siteId,
            type: decision.event.type,
            payload: JSON.stringify(decision.event.payload),
            attempts: 0,
            next_attempt_at: now,
            locked_until: null,
            lock_token: null,
            delivered_at: null,
            last_error: null,
            created_at: now,
          })
          .execute();
        return true;
      });
      const stored =
        (await findDecision(decision.sessionId, { idempotencyKey: decision.idempotencyKey })) ??
        (await findDecision(decision.sessionId, { offerId: decision.offerId }));
      if (!stored) throw new Error("a decision conflicted but none can be found");
      return { decision: stored, created: created && stored.id === id };
    },
  };
}
