import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import { type SqliteDatabase, SqliteDialect } from "kysely";

/**
 * Kysely's SqliteDialect speaks better-sqlite3's statement shape; node:sqlite's differs in two ways
 * (parameters spread rather than one array, and no `reader` flag), so this is the whole adapter.
 * Statements are prepared once per distinct SQL text and reused: preparing dominated a request's time.
 */
function adapt(db: DatabaseSync): SqliteDatabase {
  type Param = SQLInputValue;
  const args = (parameters: ReadonlyArray<unknown>) => parameters as Param[];
  const prepared = new Map<string, { statement: StatementSync; reader: boolean }>();
  return {
    close: () => db.close(),
    prepare(sql) {
      let entry = prepared.get(sql);
      if (!entry) {
        const statement = db.prepare(sql);
        entry = { statement, reader: statement.columns().length > 0 };
        // Kysely writes each query's SQL from a few shapes; a bound keeps a pathological caller in check.
        if (prepared.size >= 500) prepared.clear();
        prepared.set(sql, entry);
      }
      const { statement, reader } = entry;
      return {
        reader,
        all: (parameters) => statement.all(...args(parameters)),
        run: (parameters) => statement.run(...args(parameters)),
        iterate: (parameters) => statement.iterate(...args(parameters)),
      };
    },
  };
}

/**
 * A SQLite file (or `:memory:`) in WAL mode, with foreign keys on. synchronous=FULL: an answered decision is
 * money, and must survive even the machine going down. node:sqlite is synchronous, so a lock held by another
 * process is waited for only briefly here (the whole process would wait with it); the store tries again
 * after short sleeps instead (failures.ts), and answers 503 when the lock is not released soon.
 */
export function sqliteDialect(path: string): SqliteDialect {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec(
    "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 20;",
  );
  return new SqliteDialect({ database: adapt(db) });
}
