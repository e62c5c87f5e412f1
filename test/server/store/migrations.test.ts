import { Kysely, sql } from "kysely";
import { Migrator } from "kysely/migration";
import { afterEach, describe, expect, test } from "vitest";
import { migrationProvider } from "../../../server/store/migrations.ts";
import { postgresDialect } from "../../../server/store/postgres.ts";
import { sqliteDialect } from "../../../server/store/sqlite.ts";
import { ENGINES, freshDatabase } from "../../support/engines.ts";

const MINE = "0009_funnels_appearance";

describe.each(ENGINES)("migration %s on %s", (engine) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function migratedUpTo(name: string) {
    const database = await freshDatabase(engine, { file: true });
    const url = database.url;
    const db = new Kysely<unknown>({
      dialect: url.startsWith("sqlite:") ? sqliteDialect(url.slice("sqlite:".length)) : postgresDialect(url),
    });
    cleanups.push(database.drop, () => db.destroy());
    const migrator = new Migrator({ db, provider: migrationProvider });
    const { error } = await migrator.migrateTo(name);
    if (error) throw error;
    return { db, migrator };
  }

  test("site names given twice before it get a number, in the order the sites were made; then names are unique", async () => {
    const names = Object.keys(await migrationProvider.getMigrations()).sort();
    const before = names[names.indexOf(MINE) - 1] as string;
    const { db, migrator } = await migratedUpTo(before);
    const site = (id: string, name: string, at: number) =>
      sql`insert into sites (id, name, allowed_origins, offer_window_minutes, created_at, updated_at)
          values (${id}, ${name}, '[]', 30, ${at}, ${at})`.execute(db);
    await site("site_c", "fish shop", 3);
    await site("site_a", "Fish shop", 1);
    await site("site_b", "FISH SHOP", 2);
    await site("site_d", "Fish shop (2)", 0);
    await site("site_e", "Garden", 5);

    const { error } = await migrator.migrateToLatest();
    expect(error).toBeUndefined();
    const { rows } = await sql<{ id: string; name: string }>`select id, name from sites order by id`.execute(
      db,
    );
    expect(rows).toEqual([
      { id: "site_a", name: "Fish shop" },
      { id: "site_b", name: "FISH SHOP (3)" },
      { id: "site_c", name: "fish shop (4)" },
      { id: "site_d", name: "Fish shop (2)" },
      { id: "site_e", name: "Garden" },
    ]);
    await expect(site("site_f", "garden", 6)).rejects.toThrow();
  });
});
