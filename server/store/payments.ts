import type { Kysely, Selectable } from "kysely";
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
    status: row.status,
    reference: row.reference,
    actionUrl: row.action_url,
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
  };
}
