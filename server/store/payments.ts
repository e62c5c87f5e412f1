import type { Kysely, Selectable } from "kysely";
import type { Database } from "./schema.ts";
import type { Payment, PaymentStore } from "./store.ts";

function toPayment(row: Selectable<Database["payments"]>): Payment {
  return {
    idempotencyKey: row.idempotency_key,
    siteId: row.site_id,
    provider: row.provider,
    amount: row.amount,
    currency: row.currency,
    status: row.status,
    reference: row.reference,
    createdAt: row.created_at,
  };
}

export function paymentStore(db: Kysely<Database>): PaymentStore {
  return {
    async record(payment) {
      await db
        .insertInto("payments")
        .values({
          idempotency_key: payment.idempotencyKey,
          site_id: payment.siteId,
          provider: payment.provider,
          amount: payment.amount,
          currency: payment.currency,
          status: payment.status,
          reference: payment.reference,
          created_at: payment.createdAt,
        })
        .onConflict((oc) => oc.column("idempotency_key").doNothing())
        .execute();
      const row = await db
        .selectFrom("payments")
        .selectAll()
        .where("idempotency_key", "=", payment.idempotencyKey)
        .executeTakeFirstOrThrow();
      return toPayment(row);
    },

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
