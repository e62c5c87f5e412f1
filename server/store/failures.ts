import { setTimeout as sleep } from "node:timers/promises";
import { AppError } from "../errors.ts";

/*
 * The one place where a database's failures become domain errors, on either engine:
 * - a broken unique or foreign-key constraint: 409 `conflict`, worded per store method where it knows better;
 * - a database that cannot serve now (SQLite locked by another process, a full disk; PostgreSQL down, hung or
 *   out of connections): 503 `unavailable` with Retry-After, within a couple of seconds, never a hang or a 500.
 */

/** How a broken constraint reads for whoever caused it. */
export interface Conflict {
  message: string;
  fields?: Record<string, string>;
}

interface DatabaseError {
  code?: string;
  errcode?: number;
  message?: string;
}
const asDbError = (error: unknown): DatabaseError =>
  typeof error === "object" && error !== null ? error : {};

export function isUniqueViolation(error: unknown): boolean {
  const { code, errcode } = asDbError(error);
  return code === "23505" || errcode === 2067 || errcode === 1555;
}

export function isForeignKeyViolation(error: unknown): boolean {
  const { code, errcode } = asDbError(error);
  return code === "23503" || errcode === 787;
}

/** SQLite's "another connection holds the lock" (SQLITE_BUSY, SQLITE_LOCKED and their extended codes). */
export function isBusy(error: unknown): boolean {
  const { errcode } = asDbError(error);
  return errcode !== undefined && [5, 6].includes(errcode & 0xff);
}

/** Why the database cannot serve now, in an operator's words; null when the error is something else. */
export function unavailability(error: unknown): string | null {
  const { code, errcode, message = "" } = asDbError(error);
  if (isBusy(error)) return "the database is locked by another process";
  if (errcode !== undefined && (errcode & 0xff) === 13) return "the disk is full";
  if (errcode !== undefined && [10, 14].includes(errcode & 0xff))
    return "the database file cannot be read or written";
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EHOSTUNREACH" || code === "ECONNRESET")
    return "the database cannot be reached";
  if (code?.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03")
    return "the database cannot be reached";
  if (code === "53300") return "the database has no free connection";
  if (code === "57014" || /timeout|timed out/i.test(message)) return "the database did not answer in time";
  if (/Connection terminated|connection error|Client has encountered a connection error/i.test(message))
    return "the database cannot be reached";
  return null;
}

const CHANGED_MEANWHILE: Conflict = {
  message: "Something this refers to was changed or deleted at the same time; reload and try again.",
};

/** How long a request may wait on a SQLite lock held by another process, in short sleeps that block nothing. */
const BUSY_PATIENCE_MS = 1500;

export function storeUnavailable(why: string): AppError {
  return new AppError("unavailable", `The store is unavailable (${why}); try again shortly.`, {
    retryAfterSeconds: 2,
  });
}

/**
 * Every method of `store`, with its database failures made domain errors. A method that met a SQLite lock
 * is tried again after a short sleep (nothing of it was committed: a failed transaction is rolled back),
 * until it succeeds or its patience runs out.
 */
export function storeErrors<T extends object>(
  store: T,
  words: { [K in keyof T]?: { unique?: Conflict; foreignKey?: Conflict } } = {},
): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(store)) {
    if (typeof member !== "function") {
      wrapped[name] = member;
      continue;
    }
    const said = words[name as keyof T];
    wrapped[name] = async (...args: unknown[]) => {
      const deadline = Date.now() + BUSY_PATIENCE_MS;
      for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
        try {
          return await member.apply(store, args);
        } catch (error) {
          if (isBusy(error) && Date.now() + pause < deadline) {
            await sleep(pause);
            continue;
          }
          throw asDomainError(error, said);
        }
      }
    };
  }
  return wrapped as T;
}

function asDomainError(
  error: unknown,
  said: { unique?: Conflict; foreignKey?: Conflict } | undefined,
): unknown {
  const conflict = isUniqueViolation(error)
    ? (said?.unique ?? CHANGED_MEANWHILE)
    : isForeignKeyViolation(error)
      ? (said?.foreignKey ?? CHANGED_MEANWHILE)
      : null;
  if (conflict)
    return new AppError("conflict", conflict.message, conflict.fields ? { fields: conflict.fields } : {});
  const why = unavailability(error);
  return why ? storeUnavailable(why) : error;
}
