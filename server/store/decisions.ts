import type { Kysely, Selectable } from "kysely";
import type { DecisionResponse } from "../contract/index.ts";
import type { DecisionRecord, NewDecision } from "../domain.ts";
import { groupCommit, type Transact } from "./group-commit.ts";
import { preparedEnqueue } from "./outbox.ts";
import { prepared, preparedInsert } from "./prepared.ts";
import type { Database } from "./schema.ts";
import { impressionRow } from "./sessions.ts";
import type { DecisionStore } from "./store.ts";

type Row = Selectable<Database["decisions"]>;

const DECISION_COLUMNS = [
  "id",
  "session_id",
  "site_id",
  "offer_id",
  "action",
  "quantity",
  "amount",
  "currency",
  "payment_status",
  "idempotency_key",
  "request_hash",
  "response",
  "created_at",
  "settled_at",
] as const;
const PAYMENT_COLUMNS = [
  "idempotency_key",
  "decision_id",
  "site_id",
  "provider",
  "amount",
  "currency",
  "status",
  "reference",
  "action_url",
  "provider_payment",
  "refunded",
  "return_to",
  "instrument",
  "created_at",
  "updated_at",
] as const;
const IMPRESSION_COLUMNS = ["session_id", "offer_id", "site_id", "step", "shown_at", "offer"] as const;

/** A stored decision; its answer as given when the caller has it already (else read from its JSON). */
function toDecision(row: Row, response: DecisionResponse = JSON.parse(row.response)): DecisionRecord {
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
    response,
    settled: row.settled_at !== null,
    createdAt: row.created_at,
  };
}

/** The decision a new one records, as stored: no need to read it back. */
const recorded = (decision: NewDecision, now: number): DecisionRecord => ({
  id: decision.id,
  sessionId: decision.sessionId,
  siteId: decision.siteId,
  offerId: decision.offerId,
  action: decision.action,
  quantity: decision.quantity,
  amount: decision.amount,
  currency: decision.currency,
  idempotencyKey: decision.idempotencyKey,
  requestHash: decision.requestHash,
  response: decision.response,
  settled: decision.payment === null,
  createdAt: now,
});

/**
 * Decisions exactly once. The unique constraints (one per offer, one per key) pick the one winner among any
 * number of racers, on both engines; only the winner's payment row exists, so only the winner can charge.
 * On SQLite the decisions' transactions are committed in groups (group-commit.ts): one flush to disk for the
 * decisions that came in together, each answered once it is on disk.
 */
export function decisionStore(db: Kysely<Database>, engine: "sqlite" | "postgres"): DecisionStore {
  const transact: Transact = engine === "sqlite" ? groupCommit(db) : (work) => db.transaction().execute(work);
  // The hot path's statements, compiled once (prepared.ts).
  const byRequest = prepared<{ sessionId: string; key: string; offerId: string }, Row>((param) =>
    db
      .selectFrom("decisions")
      .selectAll()
      .where("session_id", "=", param("sessionId"))
      .where((eb) =>
        eb.or([eb("idempotency_key", "=", param("key")), eb("offer_id", "=", param("offerId"))]),
      ),
  );
  // A refund landing now waits for the deciding transaction on PostgreSQL (SQLite runs one writer at a time).
  const orderStatus = prepared<{ sessionId: string }, { status: string }>((param) =>
    db
      .selectFrom("orders")
      .select("status")
      .where("id", "=", (eb) =>
        eb.selectFrom("sessions").select("order_id").where("id", "=", param("sessionId")),
      )
      .$if(engine === "postgres", (query) => query.forShare()),
  );
  const insertDecision = preparedInsert(db, "decisions", DECISION_COLUMNS, { ignoreConflicts: true });
  const insertPayment = preparedInsert(db, "payments", PAYMENT_COLUMNS);
  const insertImpression = preparedInsert(db, "impressions", IMPRESSION_COLUMNS, { ignoreConflicts: true });
  const enqueue = preparedEnqueue(db);
  const settleDecision = prepared<
    { id: string; settledAt: number; paymentStatus: string; response: string },
    Row
  >((param) =>
    db
      .updateTable("decisions")
      .set({
        settled_at: param("settledAt"),
        payment_status: param("paymentStatus"),
        response: param("response"),
      })
      .where("id", "=", param("id"))
      .where("settled_at", "is", null)
      .returningAll(),
  );
  const settlePayment = prepared<
    {
      decisionId: string;
      status: string;
      reference: string;
      actionUrl: string | null;
      providerPayment: string | null;
      updatedAt: number;
    },
    never
  >((param) =>
    db
      .updateTable("payments")
      .set({
        status: param("status"),
        reference: param("reference"),
        action_url: param("actionUrl"),
        provider_payment: param("providerPayment"),
        updated_at: param("updatedAt"),
      })
      .where("decision_id", "=", param("decisionId")),
  );

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

  async function forRequest(sessionId: string, request: { idempotencyKey: string; offerId: string }) {
    const { rows } = await byRequest(db, {
      sessionId,
      key: request.idempotencyKey,
      offerId: request.offerId,
    });
    const row = rows.find((r) => r.idempotency_key === request.idempotencyKey) ?? rows[0];
    return row ? toDecision(row) : null;
  }

  return {
    find,
    get,
    forRequest,

    async ofSession(sessionId) {
      const rows = await db
        .selectFrom("decisions")
        .selectAll()
        .where("session_id", "=", sessionId)
        .orderBy("created_at")
        .execute();
      return rows.map((row) => toDecision(row));
    },

    async record(decision, now) {
      const outcome = await transact(async (tx) => {
        const order = (await orderStatus(tx, { sessionId: decision.sessionId })).rows[0];
        if (order?.status !== "paid") return "order_not_paid" as const;
        const inserted = await insertDecision(tx, {
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
        });
        if (inserted.numAffectedRows === 0n) return "lost" as const;
        if (decision.payment) {
          await insertPayment(tx, {
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
          });
        }
        if (decision.next) {
          await insertImpression(
            tx,
            impressionRow({ id: decision.sessionId, siteId: decision.siteId }, decision.next, now),
          );
        }
        if (decision.event) await enqueue(tx, decision.siteId, decision.event, now);
        return "created" as const;
      });
      if (outcome === "order_not_paid") return outcome;
      if (outcome === "created") return { decision: recorded(decision, now), created: true };
      // Another request won (the same key, or the same offer under another key): its decision is the answer.
      const stored = await forRequest(decision.sessionId, decision);
      if (!stored) throw new Error("a decision conflicted but none can be found");
      return { decision: stored, created: false };
    },

    async settle(settlement, now) {
      const row = await transact(async (tx) => {
        const [decision] = (
          await settleDecision(tx, {
            id: settlement.decisionId,
            settledAt: now,
            paymentStatus: settlement.payment.status,
            response: JSON.stringify(settlement.response),
          })
        ).rows;
        // Settled already (a retry, the recovery pass): the first settlement stands.
        if (!decision) return null;
        await settlePayment(tx, {
          decisionId: settlement.decisionId,
          status: settlement.payment.status,
          reference: settlement.payment.reference,
          actionUrl: settlement.payment.actionUrl,
          providerPayment: settlement.payment.providerPayment,
          updatedAt: now,
        });
        if (settlement.next) {
          await insertImpression(
            tx,
            impressionRow({ id: decision.session_id, siteId: decision.site_id }, settlement.next, now),
          );
        }
        await enqueue(tx, decision.site_id, settlement.event, now);
        return decision;
      });
      // This settlement is the one stored (returned by the update itself); else the first one is read.
      if (row) return toDecision(row, settlement.response);
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
      return rows.map((row) => toDecision(row));
    },
  };
}
