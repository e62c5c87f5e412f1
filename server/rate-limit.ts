import { AppError } from "./errors.ts";

/** One key's tally in a fixed window of `windowMs`: add `by` (0 only reads) and learn the count. */
export interface CounterHit {
  key: string;
  windowMs: number;
  by: number;
}

/**
 * Where limits keep their tallies. In memory for one process (SQLite); in the database when several instances
 * share one PostgreSQL, so that a limit holds across all of them. Several keys are counted in one call (one
 * round trip to the database).
 */
export interface Counters {
  add(hits: CounterHit[], now: number): Promise<{ count: number; resetAt: number }[]>;
}

/** The window a moment falls in, and when it ends. */
export const windowOf = (windowMs: number, now: number) => {
  const start = Math.floor(now / windowMs) * windowMs;
  return { start, end: start + windowMs };
};

export function memoryCounters(maxKeys = 100_000): Counters {
  const tallies = new Map<string, { count: number; resetAt: number }>();
  return {
    async add(hits, now) {
      if (tallies.size > maxKeys) {
        for (const [key, tally] of tallies) if (tally.resetAt <= now) tallies.delete(key);
        // Still full of live keys: the oldest go first (a Map iterates in insertion order).
        for (const key of tallies.keys()) {
          if (tallies.size <= maxKeys / 2) break;
          tallies.delete(key);
        }
      }
      return hits.map(({ key, windowMs, by }) => {
        const { start, end } = windowOf(windowMs, now);
        const id = `${key}@${start}`;
        const tally = tallies.get(id) ?? { count: 0, resetAt: end };
        tally.count += by;
        if (by !== 0) tallies.set(id, tally);
        return { ...tally };
      });
    },
  };
}

export const rateLimited = (resetAt: number, now: number) =>
  new AppError("rate_limited", "Too many requests; try again later.", {
    retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)),
  });

/** `limit` hits per key and window: `take` counts one and refuses past the limit; `check` only refuses. */
export function rateLimit(counters: Counters, limit: number, windowMs: number) {
  return {
    async take(key: string, now: number): Promise<void> {
      const [tally] = await counters.add([{ key, windowMs, by: 1 }], now);
      if (tally && tally.count > limit) throw rateLimited(tally.resetAt, now);
    },
    /** Refuses when the limit is already reached, without counting (a failure counts later, with `take`). */
    async check(key: string, now: number): Promise<void> {
      const [tally] = await counters.add([{ key, windowMs, by: 0 }], now);
      if (tally && tally.count >= limit) throw rateLimited(tally.resetAt, now);
    },
  };
}
export type RateLimit = ReturnType<typeof rateLimit>;
