import type { Kysely, Selectable } from "kysely";
import type { OrderSource, OrderStatus } from "../contract/index.ts";
import type { NewOrder, Order } from "../domain.ts";
import { newId } from "../ids.ts";
import { prepared } from "./prepared.ts";
import type { Database } from "./schema.ts";
import type { OrderStore } from "./store.ts";

type Row = Selectable<Database["orders"]>;

export function toOrder(row: Row): Order {
  return {
    id: row.id,
    siteId: row.site_id,
    source: row.source as OrderSource,
    externalId: row.external_id,
    keyHash: row.key_hash,
    lines: JSON.parse(row.lines),
    total: row.total,
    currency: row.currency,
    emailHash: row.email_hash,
    status: row.status as OrderStatus,
    paidAt: row.paid_at,
    sourceUpdatedAt: row.source_updated_at,
    paymentCustomer: row.payment_customer,
    paymentMethod: row.payment_method,
    paymentReference: row.payment_reference,
    test: row.test === 1,
    createdAt: row.created_at,
  };
}

function toRow(order: NewOrder, now: number): Database["orders"] {
  return {
    id: newId("ord"),
    site_id: order.siteId,
    source: order.source,
    external_id: order.externalId,
    key_hash: order.keyHash,
    lines: JSON.stringify(order.lines),
    total: order.total,
    currency: order.currency,
    email_hash: order.emailHash,
    status: order.status,
    paid_at: order.paidAt,
    source_updated_at: order.sourceUpdatedAt,
    payment_customer: order.paymentCustomer,
    payment_method: order.paymentMethod,
    payment_reference: order.paymentReference,
    test: order.test ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
}

export function orderStore(db: Kysely<Database>): OrderStore {
  // Every claim looks its order up: compiled once (prepared.ts).
  const byReference = prepared<{ siteId: string; source: string; externalId: string }, Row>((param) =>
    db
      .selectFrom("orders")
      .selectAll()
      .where("site_id", "=", param("siteId"))
      .where("source", "=", param("source"))
      .where("external_id", "=", param("externalId")),
  );
  async function find(siteId: string, source: OrderSource, externalId: string): Promise<Order | null> {
    const row = (await byReference(db, { siteId, source, externalId })).rows[0];
    return row ? toOrder(row) : null;
  }

  return {
    find,

    async findByKey(siteId, source, keyHash) {
      const row = await db
        .selectFrom("orders")
        .selectAll()
        .where("site_id", "=", siteId)
        .where("source", "=", source)
        .where("key_hash", "=", keyHash)
        .executeTakeFirst();
      return row ? toOrder(row) : null;
    },

    async ingest(delivery, order, now) {
      return db.transaction().execute(async (tx) => {
        const first = await tx
          .insertInto("deliveries")
          .values({
            site_id: delivery.siteId,
            source: delivery.source,
            delivery_id: delivery.deliveryId,
            received_at: now,
          })
          .onConflict((oc) => oc.columns(["site_id", "source", "delivery_id"]).doNothing())
          .executeTakeFirst();
        if (first.numInsertedOrUpdatedRows === 0n) return "duplicate";
        if (!order) return "stored";

        const row = toRow(order, now);
        const { id: _id, created_at: _created, ...changes } = row;
        const written = await tx
          .insertInto("orders")
          .values(row)
          .onConflict((oc) =>
            oc
              .columns(["site_id", "source", "external_id"])
              .doUpdateSet(changes)
              // A late delivery of an older version of the order must not undo a newer one.
              .where("orders.source_updated_at", "<=", order.sourceUpdatedAt),
          )
          .executeTakeFirst();
        return written.numInsertedOrUpdatedRows === 0n ? "stale" : "stored";
      });
    },

    async currencies(siteId, since) {
      const rows = await db
        .selectFrom("orders")
        .select("currency")
        .distinct()
        .where("site_id", "=", siteId)
        .where("test", "=", 0)
        .where("created_at", ">=", since)
        .execute();
      return rows.map((row) => row.currency).sort();
    },

    async refundByPayment(siteId, paymentReference, now) {
      const result = await db
        .updateTable("orders")
        .set({ status: "refunded", updated_at: now })
        .where("site_id", "=", siteId)
        .where("payment_reference", "=", paymentReference)
        .where("status", "=", "paid")
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async register(order, now) {
      await db
        .insertInto("orders")
        .values(toRow(order, now))
        .onConflict((oc) => oc.columns(["site_id", "source", "external_id"]).doNothing())
        .execute();
      return (await find(order.siteId, order.source, order.externalId)) as Order;
    },
  };
}
