import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "./schema.ts";

export type Work<T> = (tx: Transaction<Database>) => Promise<T>;

/** Runs `work` in a transaction of its own and answers once it is committed. */
export type Transact = <T>(work: Work<T>) => Promise<T>;

interface Job {
  work: Work<unknown>;
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

/**
 * Group commit, for SQLite: the transactions asked for while the event loop was busy (the requests that came in
 * together, say while the last commit was being flushed to disk) are written in one transaction, each inside a
 * savepoint of its own, and committed together: one flush to disk (synchronous=FULL) for all of them instead
 * of one each. Nothing is weakened: each caller is answered only after the commit that holds its writes has
 * returned, a failing unit of work is rolled back to its savepoint alone (the others commit), and a commit that
 * fails fails every one of them, none of which is then on disk. A unit of work must use only the transaction it
 * is given (the database's one connection is held by the group meanwhile).
 */
export function groupCommit(db: Kysely<Database>): Transact {
  let waiting: Job[] = [];

  async function commitGroup(): Promise<void> {
    const jobs = waiting;
    waiting = [];
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      await db.transaction().execute(async (tx) => {
        for (const [i, job] of jobs.entries()) {
          if (jobs.length === 1) {
            // Alone, the unit's failure undoes the transaction itself.
            outcomes.push({ ok: true, value: await job.work(tx) });
            break;
          }
          const savepoint = sql.raw(`unit_${i}`);
          await sql`savepoint ${savepoint}`.execute(tx);
          try {
            outcomes.push({ ok: true, value: await job.work(tx) });
          } catch (error) {
            await sql`rollback to ${savepoint}`.execute(tx);
            outcomes.push({ ok: false, error });
          }
          await sql`release ${savepoint}`.execute(tx);
        }
      });
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    for (const [i, job] of jobs.entries()) {
      const outcome = outcomes[i];
      if (outcome?.ok) job.resolve(outcome.value);
      else job.reject(outcome?.error);
    }
  }

  return <T>(work: Work<T>) =>
    new Promise<T>((resolve, reject) => {
      // The first unit of a group schedules its commit after the I/O already waiting has been read, so the units
      // those requests ask for join it.
      if (waiting.length === 0) setImmediate(() => void commitGroup());
      waiting.push({ work: work as Work<unknown>, resolve: resolve as (value: unknown) => void, reject });
    });
}
