import type { Kysely, Selectable } from "kysely";
import { PaymentStatus } from "../contract/index.ts";
import { enqueue } from "./outbox.ts";
import type { Database } from "./schema.ts";
import type { Payment, PaymentStore } from "./store.ts";

function toPayment(row: Selectable<Database["payments"]>): Payment {
  return {
    idempotencyKey: row.idempotency_key,
    decisionId: row.decision_id,
    siteId: row.site_id,
    provider: row.provider,
    amount: row.amount,
    currency: row.currency,
    status: PaymentStatus.parse(row.status),
    refunded: row.refunded,
    reference: row.reference,
    providerPayment: row.provider_payment,
    actionUrl: row.action_url,
    returnTo: row.return_to,
    instrument: row.instrument ? JSON.parse(row.instrument) : null,
    createdAt: row.created_at,
  };
}

export function paymentStore(db: Kysely<Database>): PaymentStore {
  return {
    async list(siteId) {
      const rows = await db
        .selectFrom("payments")
        .selectAll()
        .where("site_id", "=", siteId)
        .orderBy("created_at")
        .execute();
      return rows.map(toPayment);
    },

    async find(siteId, by) {
      let query = db.selectFrom("payments").selectAll().where("site_id", "=", siteId);
      if ("decisionId" in by) query = query.where("decision_id", "=", by.decisionId);
      else if ("providerPayment" in by) query = query.where("provider_payment", "=", by.providerPayment);
      else query = query.where("reference", "=", by.reference);
      const row = await query.executeTakeFirst();
      return row ? toPayment(row) : null;
    },

    async change(change, now) {
      return db.transaction().execute(async (tx) => {
        let update = tx
          .updateTable("payments")
          .set({
            status: change.to,
            updated_at: now,
            ...(change.refunded !== undefined && { refunded: change.refunded }),
            ...(change.providerPayment && { provider_payment: change.providerPayment }),
          })
          .where("decision_id", "=", change.decisionId)
          .where("status", "in", change.from);
        // A refund moves on only to a larger refunded amount: the same refund reported twice changes nothing.
        if (change.refunded !== undefined) update = update.where("refunded", "<", change.refunded);
        const changed = await update.returning(["site_id"]).executeTakeFirst();
        if (!changed) return false;
        await tx
          .updateTable("decisions")
          .set({ payment_status: change.to })
          .where("id", "=", change.decisionId)
          .execute();
        await enqueue(tx, changed.site_id, change.event, now);
        return true;
      });
    },
  };
}
