import { AppError } from "./errors.ts";

/**
 * A fixed-window counter per key (an IP, a site). In memory, per process: with several instances each
 * counts its own share, which still stops enumeration cold. Keys come from the parsed body (the site),
 * which is why this is a function called by the routes rather than a middleware in front of them.
 */
export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #hits = new Map<string, { count: number; resetAt: number }>();

  constructor(limit: number, windowMs: number) {
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  /** Counts one hit for `key`; past the limit, answers 429 with the seconds to wait. */
  take(key: string, now: number): void {
    let entry = this.#hits.get(key);
    if (!entry || entry.resetAt <= now) {
      if (this.#hits.size > 50_000) this.#sweep(now);
      entry = { count: 0, resetAt: now + this.#windowMs };
      this.#hits.set(key, entry);
    }
    entry.count += 1;
    if (entry.count > this.#limit) {
      const seconds = Math.max(1, Math.ceil((entry.resetAt - now) / 1000));
      throw new AppError("rate_limited", "Too many requests; try again later.", {
        retryAfterSeconds: seconds,
      });
    }
  }

  #sweep(now: number): void {
    for (const [key, entry] of this.#hits) if (entry.resetAt <= now) this.#hits.delete(key);
  }
}
