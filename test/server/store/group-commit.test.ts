import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync, StatementSync } from "node:sqlite";
import { Kysely, sql } from "kysely";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { groupCommit } from "../../../server/store/group-commit.ts";
import type { Database } from "../../../server/store/schema.ts";
import { sqliteDialect } from "../../../server/store/sqlite.ts";

/** A SQLite file with one table, through the store's own dialect (WAL, synchronous=FULL). */
describe("group commit on SQLite", () => {
  let path: string;
  let db: Kysely<Database>;
  // The tests' table is not the store's: its queries are written in SQL.
  const insert = (name: string) => (tx: Kysely<Database>) =>
    sql`insert into fish (name) values (${name})`.execute(tx);
  /** What another connection sees: only what is committed. */
  const committed = () => {
    const other = new DatabaseSync(path);
    try {
      return (other.prepare("select name from fish order by name").all() as { name: string }[]).map(
        (r) => r.name,
      );
    } finally {
      other.close();
    }
  };

  beforeEach(async () => {
    path = join(tmpdir(), `aq-group-${randomBytes(6).toString("hex")}.db`);
    db = new Kysely<Database>({ dialect: sqliteDialect(path) });
    await sql`create table fish (name text primary key)`.execute(db);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await db.destroy();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
  });

  test("units of work asked for together are written in one commit, each answered once it is on disk", async () => {
    const transact = groupCommit(db);
    const run = vi.spyOn(StatementSync.prototype, "run");
    const commits = () =>
      (run.mock.contexts as StatementSync[]).filter((statement) => /^commit/i.test(statement.sourceSQL))
        .length;
    const seen: string[][] = [];
    await Promise.all(
      ["goldfish", "guppy", "koi", "betta"].map((name) =>
        transact(async (tx) => {
          await insert(name)(tx);
          return name;
        }).then(() => seen.push(committed())),
      ),
    );
    expect(commits()).toBe(1);
    // Each was answered after the commit: another connection already saw all four.
    for (const names of seen) expect(names).toEqual(["betta", "goldfish", "guppy", "koi"]);
  });

  test("a unit that fails is undone alone; the others of its group are committed and answered", async () => {
    const transact = groupCommit(db);
    const outcomes = await Promise.allSettled([
      transact(insert("goldfish")),
      transact(async (tx) => {
        await insert("shark")(tx);
        throw new Error("no sharks");
      }),
      // The same key twice: the second breaks the primary key, and only it is undone.
      transact(insert("koi")),
      transact(insert("koi")),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled", "rejected"]);
    expect(committed()).toEqual(["goldfish", "koi"]);
  });

  test("a unit alone is its own transaction: its failure leaves nothing behind", async () => {
    const transact = groupCommit(db);
    await expect(
      transact(async (tx) => {
        await insert("shark")(tx);
        throw new Error("no sharks");
      }),
    ).rejects.toThrow("no sharks");
    await transact(insert("guppy"));
    expect(committed()).toEqual(["guppy"]);
  });

  test("units asked for while a group is being committed are committed in the next group", async () => {
    const transact = groupCommit(db);
    const later: Promise<unknown>[] = [];
    await transact(async (tx) => {
      later.push(transact(insert("koi")));
      await insert("goldfish")(tx);
    });
    expect(committed()).toEqual(["goldfish"]);
    await Promise.all(later);
    expect(committed()).toEqual(["goldfish", "koi"]);
  });
});
