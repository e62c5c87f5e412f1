import { PostgresDialect } from "kysely";
import pg from "pg";

const INT8 = 20;

/**
 * A pooled PostgreSQL connection; 64-bit integers (our millisecond timestamps) come back as numbers.
 * A database that is down or hung answers 503 within a few seconds rather than holding requests for ever:
 * connecting (and waiting for a pooled connection) and each query have deadlines. A connection that timed
 * out or failed is thrown away when it is given back, never reused half-way through a conversation.
 */
export function postgresDialect(url: string): PostgresDialect {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 2_000,
    query_timeout: 5_000,
    statement_timeout: 4_000,
    keepAlive: true,
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
  pool.on("connect", (client: pg.PoolClient) => {
    // Ending a spoilt connection makes the pool drop it when it is given back (and ends its socket).
    const spoilt = () => void client.end().catch(() => {});
    client.on("error", spoilt);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const result = query(...args);
      if (result instanceof Promise) {
        result.catch((error: unknown) => {
          // A query that failed for the connection's sake (not the database's answer: a constraint, bad SQL)
          // leaves the conversation in an unknown state: the connection is not to be used again.
          if (!(error instanceof pg.DatabaseError)) spoilt();
        });
      }
      return result;
    };
  });
  return new PostgresDialect({ pool });
}
