import { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { postgresDialect } from "../../../server/store/postgres.ts";
import { prepared } from "../../../server/store/prepared.ts";
import { sqliteDialect } from "../../../server/store/sqlite.ts";
import { ENGINES, freshDatabase } from "../../support/engines.ts";

interface Fish {
  fish: { id: string; site: string; name: string; price: number };
}

describe.each(ENGINES)("a query compiled once and run with new values, on %s", (engine) => {
  let db: Kysely<Fish>;
  let drop: () => Promise<void>;

  beforeEach(async () => {
    const database = await freshDatabase(engine);
    drop = database.drop;
    db = new Kysely<Fish>({
      dialect: engine === "sqlite" ? sqliteDialect(":memory:") : postgresDialect(database.url),
    });
    await db.schema
      .createTable("fish")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("site", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("price", "integer", (c) => c.notNull())
      .execute();
  });
  afterEach(async () => {
    await db.destroy();
    await drop();
  });

  test("each run binds its own values, and the values written in the query stay", async () => {
    const add = prepared<{ id: string; site: string; name: string; price: number }, never>((param) =>
      db
        .insertInto("fish")
        .values({ id: param("id"), site: param("site"), name: param("name"), price: param("price") }),
    );
    await add(db, { id: "f1", site: "s1", name: "Goldfish", price: 1200 });
    await add(db, { id: "f2", site: "s1", name: "Guppy", price: 300 });
    await add(db, { id: "f3", site: "s2", name: "Betta", price: 900 });
    // The lower bound is the query's own (500), the site each run's.
    const dear = prepared<{ site: string }, { name: string }>((param) =>
      db
        .selectFrom("fish")
        .select("name")
        .where("site", "=", param("site"))
        .where("price", ">", 500)
        .orderBy("name"),
    );
    expect((await dear(db, { site: "s1" })).rows).toEqual([{ name: "Goldfish" }]);
    expect((await dear(db, { site: "s2" })).rows).toEqual([{ name: "Betta" }]);
    expect((await dear(db, { site: "s3" })).rows).toEqual([]);
  });

  test("a prepared query runs inside a transaction, and is undone with it", async () => {
    const add = prepared<{ id: string }, never>((param) =>
      db.insertInto("fish").values({ id: param("id"), site: "s1", name: "Koi", price: 5000 }),
    );
    await db
      .transaction()
      .execute(async (tx) => {
        await add(tx, { id: "k1" });
        expect(await tx.selectFrom("fish").select("id").execute()).toEqual([{ id: "k1" }]);
        throw new Error("undo");
      })
      .catch(() => {});
    expect(await db.selectFrom("fish").select("id").execute()).toEqual([]);
  });
});
