import { Kysely, sql } from "kysely";
import { Migrator } from "kysely/migration";
import type { SecretBox } from "../secret-box.ts";
import { adminSessionStore } from "./admin-sessions.ts";
import { cockpitLogStore } from "./cockpit-log.ts";
import { cachedConfig } from "./config-cache.ts";
import { counterStore } from "./counters.ts";
import { decisionStore } from "./decisions.ts";
import { storeErrors } from "./failures.ts";
import { migrationProvider } from "./migrations.ts";
import { offerStore } from "./offers.ts";
import { orderStore } from "./orders.ts";
import { outboxStore } from "./outbox.ts";
import { paymentStore } from "./payments.ts";
import { postgresDialect } from "./postgres.ts";
import { productStore } from "./products.ts";
import type { Database } from "./schema.ts";
import { sessionStore } from "./sessions.ts";
import { siteStore } from "./sites.ts";
import { sqliteDialect } from "./sqlite.ts";
import { statsStore } from "./stats.ts";
import type { Store } from "./store.ts";

/** `sqlite:<path>` (`sqlite::memory:` for a throwaway one) or `postgres://…`. */
function dialectFor(url: string) {
  if (url.startsWith("sqlite:"))
    return { engine: "sqlite" as const, dialect: sqliteDialect(url.slice("sqlite:".length)) };
  if (/^postgres(ql)?:\/\//.test(url)) return { engine: "postgres" as const, dialect: postgresDialect(url) };
  throw new Error("DATABASE_URL must start with sqlite: or postgres://");
}

/** Opens the database and brings its schema up to date before anything else touches it. */
export async function openStore(url: string, box: SecretBox): Promise<Store> {
  const { engine, dialect } = dialectFor(url);
  const db = new Kysely<Database>({ dialect });
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw error;
  }
  const skuTaken = {
    unique: {
      message: "sku: another product of this site has this SKU.",
      fields: { sku: "another product of this site has this SKU" },
    },
  };
  // A deleted product keeps its SKU until purged (adding a product with that SKU brings it back instead).
  const skuHeld = {
    unique: {
      message: "sku: another product of this site, or one deleted lately, has this SKU.",
      fields: {
        sku: "another product of this site, or one deleted lately (restore it instead), has this SKU",
      },
    },
  };
  const nameTaken = {
    unique: {
      message: "name: another site is already called that.",
      fields: { name: "another site is already called that: give this one a name of its own" },
    },
  };
  const cached = cachedConfig({
    sites: storeErrors(siteStore(db, box), { create: nameTaken, update: nameTaken }),
    products: storeErrors(productStore(db), { create: skuTaken, update: skuHeld }),
    offers: storeErrors(offerStore(db)),
  });
  const log = cockpitLogStore(db);
  // Recording stays synchronous: it only buffers, and never throws (nothing waits on it).
  const cockpit = { ...storeErrors(log), recordHook: log.recordHook, recordClaim: log.recordClaim };
  const store: Store = {
    engine,
    sites: cached.sites,
    products: cached.products,
    offers: cached.offers,
    config: cached.config,
    orders: storeErrors(orderStore(db)),
    sessions: storeErrors(sessionStore(db)),
    decisions: storeErrors(decisionStore(db, engine)),
    payments: storeErrors(paymentStore(db)),
    outbox: storeErrors(outboxStore(db)),
    adminSessions: storeErrors(adminSessionStore(db)),
    stats: storeErrors(statsStore(db)),
    cockpit,
    counters: storeErrors(counterStore(db)),
    ping: storeErrors({
      async ping() {
        await sql`select 1`.execute(db);
      },
    }).ping,
    async close() {
      // The cockpit's last records are written if the database still takes them; they are not worth a hang.
      await cockpit.flush().catch(() => {});
      await db.destroy();
    },
  };
  try {
    await store.sites.reseal();
  } catch (failure) {
    await db.destroy();
    throw failure;
  }
  return store;
}
