/**
 * Seconds between claims while the order is not there yet (the last repeats), and for how long after the
 * widget started: a shop's order webhook often arrives after its thank-you page, seconds or a minute late.
 */
export const RETRY_DELAYS: readonly number[] = [1, 2, 3, 5, 8, 13, 15];
export const RETRY_FOR = 180;

/**
 * Calls `attempt` at once and, while it answers undefined ("not yet"), again after each delay of the
 * schedule, as long as that falls inside the deadline. `stop()` ends the waiting at once (the page is gone).
 */
export function retrying(delays: readonly number[], seconds: number, now: () => number) {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wake = () => {};
  return {
    async run<T>(attempt: () => Promise<T | undefined>): Promise<T | undefined> {
      const deadline = now() + seconds * 1000;
      for (let i = 0; ; i++) {
        const result = await attempt();
        if (stopped) return undefined;
        if (result !== undefined) return result;
        const delay = 1000 * (delays[i < delays.length ? i : delays.length - 1] ?? seconds);
        if (now() + delay > deadline) return undefined;
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, delay);
        });
        if (stopped) return undefined;
      }
    },
    stop(): void {
      stopped = true;
      clearTimeout(timer);
      wake();
    },
  };
}
