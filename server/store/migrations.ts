import { type Kysely, sql } from "kysely";
import type { Migration, MigrationProvider } from "kysely/migration";

/**
 * Versioned migrations, applied in name order at start-up (Kysely's Migrator takes a lock, so two
 * instances starting together apply each once). Append new ones; never edit one that has shipped.
 */
const migrations: Record<string, Migration> = {
  "0001_foundation": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("sites")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("allowed_origins", "text", (c) => c.notNull())
        .addColumn("offer_window_minutes", "integer", (c) => c.notNull())
        .addColumn("webhook_url", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("site_secrets")
        .addColumn("site_id", "text", (c) => c.notNull().references("sites.id").onDelete("cascade"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("value", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("site_secrets_pk", ["site_id", "kind"])
        .execute();

      await db.schema
        .createTable("products")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("site_id", "text", (c) => c.notNull().references("sites.id").onDelete("cascade"))
        .addColumn("sku", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("image_url", "text")
        .addColumn("price", "bigint", (c) => c.notNull())
        .addColumn("currency", "text", (c) => c.notNull())
        .addColumn("tags", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addUniqueConstraint("products_site_sku", ["site_id", "sku"])
        .execute();

      await db.schema
        .createTable("offers")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("site_id", "text", (c) => c.notNull().references("sites.id").onDelete("cascade"))
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("product_id", "text", (c) => c.notNull().references("products.id"))
        .addColumn("title", "text")
        .addColumn("description", "text")
        .addColumn("trigger", "text", (c) => c.notNull())
        .addColumn("discount", "text", (c) => c.notNull())
        .addColumn("quantity_max", "integer", (c) => c.notNull())
        .addColumn("priority", "integer", (c) => c.notNull())
        .addColumn("active", "integer", (c) => c.notNull())
        .addColumn("downsell_id", "text")
        .addColumn("next_id", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("offers_site").on("offers").column("site_id").execute();

      await db.schema
        .createTable("orders")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("site_id", "text", (c) => c.notNull().references("sites.id").onDelete("cascade"))
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("external_id", "text", (c) => c.notNull())
        .addColumn("key_hash", "text")
        .addColumn("lines", "text", (c) => c.notNull())
        .addColumn("total", "bigint", (c) => c.notNull())
        .addColumn("currency", "text", (c) => c.notNull())
        .addColumn("email_hash", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("paid_at", "bigint", (c) => c.notNull())
        .addColumn("source_updated_at", "bigint", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addUniqueConstraint("orders_site_source_external", ["site_id", "source", "external_id"])
        .execute();
      await db.schema
        .createIndex("orders_key")
        .on("orders")
        .columns(["site_id", "source", "key_hash"])
        .execute();

      await db.schema
        .createTable("deliveries")
        .addColumn("site_id", "text", (c) => c.notNull().references("sites.id").onDelete("cascade"))
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("delivery_id", "text", (c) => c.notNull())
        .addColumn("received_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("deliveries_pk", ["site_id", "source", "delivery_id"])
        .execute();
    },
  },
  "0002_sessions_decisions_outbox": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable("sites")
        .addColumn("payment_provider", "text", (c) => c.notNull().defaultTo("manual"))
        .execute();

      await db.schema
        .createTable("sessions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("site_id", "text", (c) => c.notNull().references("sites.id").onDelete("cascade"))
        // One claim per order: the first browser wins, the unique constraint decides races.
        .addColumn("order_id", "text", (c) =>
          c.notNull().unique().references("orders.id").onDelete("cascade"),
        )
        .addColumn("secret_hash", "text", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("impressions")
        .addColumn("session_id", "text", (c) => c.notNull().references("sessions.id").onDelete("cascade"))
        .addColumn("offer_id", "text", (c) => c.notNull())
        .addColumn("site_id", "text", (c) => c.notNull())
        .addColumn("step", "integer", (c) => c.notNull())
        .addColumn("shown_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("impressions_pk", ["session_id", "offer_id"])
        .execute();
      await db.schema
        .createIndex("impressions_site")
        .on("impressions")
        .columns(["site_id", "shown_at"])
        .execute();

      await db.schema
        .createTable("decisions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("session_id", "text", (c) => c.notNull().references("sessions.id").onDelete("cascade"))
        .addColumn("site_id", "text", (c) => c.notNull())
        .addColumn("offer_id", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("quantity", "integer", (c) => c.notNull())
        .addColumn("amount", "bigint", (c) => c.notNull())
        .addColumn("currency", "text", (c) => c.notNull())
        .addColumn("payment_status", "text")
        .addColumn("idempotency_key", "text", (c) => c.notNull())
        .addColumn("request_hash", "text", (c) => c.notNull())
        .addColumn("response", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        // Exactly once: one decision per offer per session, and one per idempotency key.
        .addUniqueConstraint("decisions_once", ["session_id", "offer_id"])
        .addUniqueConstraint("decisions_key", ["session_id", "idempotency_key"])
        .execute();
      await db.schema
        .createIndex("decisions_site")
        .on("decisions")
        .columns(["site_id", "created_at"])
        .execute();

      await db.schema
        .createTable("payments")
        .addColumn("idempotency_key", "text", (c) => c.primaryKey())
        .addColumn("site_id", "text", (c) => c.notNull())
        .addColumn("provider", "text", (c) => c.notNull())
        .addColumn("amount", "bigint", (c) => c.notNull())
        .addColumn("currency", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("reference", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("outbox")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("site_id", "text", (c) => c.notNull().references("sites.id").onDelete("cascade"))
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("payload", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("next_attempt_at", "bigint", (c) => c.notNull())
        .addColumn("locked_until", "bigint")
        .addColumn("lock_token", "text")
        .addColumn("delivered_at", "bigint")
        .addColumn("last_error", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("outbox_due")
        .on("outbox")
        .columns(["delivered_at", "next_attempt_at"])
        .execute();
    },
  },
  "0003_admin_sessions": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("admin_sessions")
        // The cookie's token is never stored, only its hash.
        .addColumn("token_hash", "text", (c) => c.primaryKey())
        // "*" for the operator (ADMIN_TOKEN), else the one site its owner may see.
        .addColumn("scope", "text", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
    },
  },
  "0004_shown_offers_and_settlement": {
    async up(db: Kysely<unknown>) {
      // What the buyer was shown (the contract's Offer, as JSON): a decision is made against it, never
      // against the offer's configuration of the moment. Null on impressions recorded before this migration.
      await db.schema.alterTable("impressions").addColumn("offer", "text").execute();
      // An accept is written before its charge and settled after: null while the charge is in flight.
      await db.schema.alterTable("decisions").addColumn("settled_at", "bigint").execute();
      await db
        .updateTable("decisions" as never)
        .set({ settled_at: sql`created_at` } as never)
        .execute();
      await db.schema
        .createIndex("decisions_unsettled")
        .on("decisions")
        .columns(["settled_at", "created_at"])
        .execute();
      // A payment belongs to the decision that won; its provider idempotency key is derived from that decision.
      await db.schema.alterTable("payments").addColumn("decision_id", "text").execute();
      await db.schema.alterTable("payments").addColumn("action_url", "text").execute();
      await db.schema.alterTable("payments").addColumn("updated_at", "bigint").execute();
      await db.schema.createIndex("payments_decision").on("payments").column("decision_id").execute();
    },
  },
  "0005_hardening": {
    async up(db: Kysely<unknown>) {
      // A login is bound to the credential that made it: the hash of ADMIN_TOKEN or of the owner token.
      // Logins made before this migration have none, and end.
      await db.schema.alterTable("admin_sessions").addColumn("credential", "text").execute();
      await db.schema.createIndex("admin_sessions_scope").on("admin_sessions").column("scope").execute();
      // Rate limits shared by every instance on one database: a counter per key and fixed window.
      await db.schema
        .createTable("rate_limits")
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("window_start", "bigint", (c) => c.notNull())
        .addColumn("count", "integer", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("rate_limits_pk", ["key", "window_start"])
        .execute();
      await db.schema.createIndex("rate_limits_expiry").on("rate_limits").column("expires_at").execute();
      // Outbound events given up on after their last attempt: kept, shown to the seller, sent again on request.
      await db.schema.alterTable("outbox").addColumn("dead_at", "bigint").execute();
      await db.schema.alterTable("outbox").addColumn("last_status", "integer").execute();
      await db.schema.createIndex("outbox_lock").on("outbox").column("lock_token").execute();
      await db.schema.createIndex("outbox_site").on("outbox").columns(["site_id", "created_at"]).execute();
    },
  },
  "0006_real_payments": {
    async up(db: Kysely<unknown>) {
      // What it takes to charge an order's buyer again (Stripe's customer and saved payment method), and the
      // order's own payment, so that its refund is recognised.
      await db.schema.alterTable("orders").addColumn("payment_customer", "text").execute();
      await db.schema.alterTable("orders").addColumn("payment_method", "text").execute();
      await db.schema.alterTable("orders").addColumn("payment_reference", "text").execute();
      await db.schema
        .createIndex("orders_payment_reference")
        .on("orders")
        .columns(["site_id", "payment_reference"])
        .execute();
      // A payment's life after its decision: the provider's payment its events name, what was refunded, and the
      // thank-you page the buyer comes back to from the provider's pages.
      await db.schema.alterTable("payments").addColumn("provider_payment", "text").execute();
      await db.schema
        .alterTable("payments")
        .addColumn("refunded", "bigint", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable("payments").addColumn("return_to", "text").execute();
      // What the charge was to use, fixed when the decision was made (a retry never switches from one way of
      // charging to another): the customer and the saved method, as JSON, or null for a pay link.
      await db.schema.alterTable("payments").addColumn("instrument", "text").execute();
      await db.schema
        .createIndex("payments_reference")
        .on("payments")
        .columns(["site_id", "reference"])
        .execute();
      await db.schema
        .createIndex("payments_provider_payment")
        .on("payments")
        .columns(["site_id", "provider_payment"])
        .execute();
    },
  },
  "0008_cockpit": {
    async up(db: Kysely<unknown>) {
      // Orders made by the admin's "Send a test order": offered like any other, never counted in stats.
      await db.schema
        .alterTable("orders")
        .addColumn("test", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      // What the seller's cockpit shows: the last deliveries per platform and the last claims per origin.
      // Outcomes and the platforms' order ids only, never a payload; pruned to the newest rows by the sweep.
      await db.schema
        .createTable("hook_log")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("site_id", "text", (c) => c.notNull().references("sites.id").onDelete("cascade"))
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("received_at", "bigint", (c) => c.notNull())
        .addColumn("outcome", "text", (c) => c.notNull())
        .addColumn("order_ref", "text")
        .addColumn("detail", "text")
        .addColumn("test", "integer", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("hook_log_site")
        .on("hook_log")
        .columns(["site_id", "source", "received_at"])
        .execute();
      await db.schema
        .createTable("claim_log")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("site_id", "text", (c) => c.notNull().references("sites.id").onDelete("cascade"))
        .addColumn("origin", "text", (c) => c.notNull())
        .addColumn("claimed_at", "bigint", (c) => c.notNull())
        .addColumn("outcome", "text", (c) => c.notNull())
        .addColumn("reference", "text")
        .addColumn("order_ref", "text")
        .addColumn("test", "integer", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("claim_log_site")
        .on("claim_log")
        .columns(["site_id", "claimed_at"])
        .execute();
    },
  },
  "0009_funnels_appearance": {
    async up(db: Kysely<unknown>) {
      // Offers shown only as another offer's step, never first.
      await db.schema
        .alterTable("offers")
        .addColumn("funnel_only", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      // Deleting a product or an offer keeps it aside for a while (it can be restored), then the sweep purges
      // it. A deleted offer remembers the funnel steps its deletion unlinked, to link them again if restored.
      await db.schema.alterTable("offers").addColumn("deleted_at", "bigint").execute();
      await db.schema.alterTable("offers").addColumn("unlinked", "text").execute();
      await db.schema.alterTable("products").addColumn("deleted_at", "bigint").execute();
      await db.schema.createIndex("offers_deleted").on("offers").column("deleted_at").execute();
      await db.schema.createIndex("products_deleted").on("products").column("deleted_at").execute();
      // How the panel looks on the seller's page, as JSON; null: as it always looked (DEFAULT_APPEARANCE).
      await db.schema.alterTable("sites").addColumn("appearance", "text").execute();
      // Site names are unique, whatever their case: two sites called alike are mistaken for each other. Names
      // given twice before this migration get a number, in the order the sites were made.
      const { rows } = await sql<{ id: string; name: string }>`
        select id, name from sites order by created_at, id`.execute(db);
      const taken = new Set<string>();
      for (const { id, name } of rows) {
        let unique = name;
        for (let n = 2; taken.has(unique.toLowerCase()); n++) unique = `${name} (${n})`;
        taken.add(unique.toLowerCase());
        if (unique !== name) await sql`update sites set name = ${unique} where id = ${id}`.execute(db);
      }
      await db.schema.createIndex("sites_name").on("sites").unique().expression(sql`lower(name)`).execute();
    },
  },
  "0011_speed": {
    async up(db: Kysely<unknown>) {
      // The outbox worker leases the events still to send, every second, by when they are due. Given-up and
      // delivered events (most of the table, in time) stay out of that index, so a lease never walks them (the
      // old index on delivered_at and next_attempt_at held the given-up ones); delivered events are found by
      // when they were delivered, to be forgotten after a while.
      await db.schema.dropIndex("outbox_due").execute();
      await db.schema
        .createIndex("outbox_pending")
        .on("outbox")
        .column("next_attempt_at")
        .where(sql.ref("delivered_at"), "is", null)
        .where(sql.ref("dead_at"), "is", null)
        .execute();
      await db.schema
        .createIndex("outbox_delivered")
        .on("outbox")
        .column("delivered_at")
        .where(sql.ref("delivered_at"), "is not", null)
        .execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
