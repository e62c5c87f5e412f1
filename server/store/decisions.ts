import type { Kysely, Selectable } from "kysely";
import type { DecisionRecord } from "../domain.ts";
import { enqueue } from "./outbox.ts";
import type { Database } from "./schema.ts";
import { impressionRow } from "./sessions.ts";
import type { DecisionStore } from "./store.ts";

function toDecision(row: Selectable<Database["decisions"]>): DecisionRecord {
  return {
    id: row.id,
    sessionId: row.session_id,
    siteId: row.site_id,
    offerId: row.offer_id,
    action: row.action as DecisionRecord["action"],
    quantity: row.quantity,
    amount: row.amount,
    currency: row.currency,
    idempotencyKey: row.idempotency_key,
    requestHash: row.request_hash,
    response: JSON.parse(row.response),
    settled: row.settled_at !== null,
    createdAt: row.created_at,
  };
}

/**
 * Decisions exactly once. The unique constraints (one per offer, one per key) pick the one winner among any
 * number of racers, on both engines; only the winner's payment row exists, so only the winner can charge.
 */
export function decisionStore(db: Kysely<Database>, engine: "sqlite" | "postgres"): DecisionStore {
  async function find(sessionId: string, by: { offerId: string } | { idempotencyKey: string }) {
    const query = db.selectFrom("decisions").selectAll().where("session_id", "=", sessionId);
    const row = await ("offerId" in by
      ? query.where("offer_id", "=", by.offerId)
      : query.where("idempotency_key", "=", by.idempotencyKey)
    ).executeTakeFirst();
    return row ? toDecision(row) : null;
  }

  async function get(id: string) {
    const row = await db.selectFrom("decisions").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toDecision(row) : null;
  }

  return {
    find,
    get,

    async ofSession(sessionId) {
      const rows = await db
        .selectFrom("decisions")
        .selectAll()
        .where("session_id", "=", sessionId)
        .orderBy("created_at")
        .execute();
      return rows.map(toDecision);
    },

    async record(decision, now) {
      const outcome = await db.transaction().execute(async (tx) => {
        // A refund landing now waits for this transaction on PostgreSQL (SQLite runs one writer at a time).
        const order = await tx
          .selectFrom("orders")
          .select("status")
          .where("id", "=", (eb) =>
            eb.selectFrom("sessions").select("order_id").where("id", "=", decision.sessionId),
          )
          .$if(engine === "postgres", (query) => query.forShare())
          .executeTakeFirst();
        if (order?.status !== "paid") return "order_not_paid" as const;
        const inserted = await tx
          .insertInto("decisions")
          .values({
            id: decision.id,
            session_id: decision.sessionId,
            site_id: decision.siteId,
            offer_id: decision.offerId,
            action: decision.action,
            quantity: decision.quantity,
            amount: decision.amount,
            currency: decision.currency,
            payment_status: decision.payment ? "pending" : null,
            idempotency_key: decision.idempotencyKey,
            request_hash: decision.requestHash,
            response: JSON.stringify(decision.response),
            created_at: now,
            settled_at: decision.payment ? null : now,
          })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        if (inserted.numInsertedOrUpdatedRows === 0n) return "lost" as const;
        if (decision.payment) {
          await tx
            .insertInto("payments")
            .values({
              idempotency_key: decision.payment.key,
              decision_id: decision.id,
              site_id: decision.siteId,
              provider: decision.payment.provider,
              amount: decision.amount,
              currency: decision.currency,
              status: "pending",
              reference: "",
              action_url: null,
              provider_payment: null,
              refunded: 0,
              return_to: decision.payment.returnTo,
              instrument: decision.payment.instrument ? JSON.stringify(decision.payment.instrument) : null,
              created_at: now,
              updated_at: now,
            })
            .execute();
        }
        if (decision.next) {
          await tx
            .insertInto("impressions")
            .values(impressionRow({ id: decision.sessionId, siteId: decision.siteId }, decision.next, now))
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
        if (decision.event) await enqueue(tx, decision.siteId, decision.event, now);
        return "created" as const;
      });
      if (outcome === "order_not_paid") return outcome;
      const stored =
        (await find(decision.sessionId, { idempotencyKey: decision.idempotencyKey })) ??
        (await find(decision.sessionId, { offerId: decision.offerId }));
      if (!stored) throw new Error("a decision conflicted but none can be found");
      return { decision: stored, created: outcome === "created" && stored.id === decision.id };
    },

    async settle(settlement, now) {
      await db.transaction().execute(async (tx) => {
        const decision = await tx
          .updateTable("decisions")
          .set({
            settled_at: now,
            payment_status: settlement.payment.status,
            response: JSON.stringify(settlement.response),
          })
          .where("id", "=", settlement.decisionId)
          .where("settled_at", "is", null)
          .returning(["session_id", "site_id"])
          .executeTakeFirst();
        // Settled already (a retry, the recovery pass): the first settlement stands.
        if (!decision) return;
        await tx
          .updateTable("payments")
          .set({
            status: settlement.payment.status,
            reference: settlement.payment.reference,
            action_url: settlement.payment.actionUrl,
            provider_payment: settlement.payment.providerPayment,
            updated_at: now,
          })
          .where("decision_id", "=", settlement.decisionId)
          .execute();
        if (settlement.next) {
          await tx
            .insertInto("impressions")
            .values(
              impressionRow({ id: decision.session_id, siteId: decision.site_id }, settlement.next, now),
            )
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
        await enqueue(tx, decision.site_id, settlement.event, now);
      });
      const stored = await get(settlement.decisionId);
      if (!stored) throw new Error("a settled decision cannot be found");
      return stored;
    },

    async unsettled(before, limit) {
      const rows = await db
        .selectFrom("decisions")
        .selectAll()
        .where("settled_at", "is", null)
        .where("created_at", "<", before)
        .orderBy("created_at")
        .limit(limit)
        .execute();
      return rows.map(toDecision);
    },
  };
}
