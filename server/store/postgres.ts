import { PostgresDialect } from "kysely";
import pg from "pg";

const INT8 = 20;

/** A pooled PostgreSQL connection; 64-bit integers (our millisecond timestamps) come back as numbers. */
export function postgresDialect(url: string): PostgresDialect {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === INT8
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection dropped by the server (a restart, a failover) must not crash the process:
  // the pool discards it, and the next query opens a new one or fails with its own error.
  pool.on("error", () => {});
  return new PostgresDialect({ pool });
}
