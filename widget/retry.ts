/**
 * Seconds between claims while the order is not there yet (the last repeats), and for how long after the
 * widget started: a shop's order webhook often arrives after its thank-you page, seconds or a minute late.
 */
export const RETRY_DELAYS: readonly number[] = [1, 2, 3, 5, 8, 13, 15];
export const RETRY_FOR = 180;

/**
 * Calls `attempt` at once and, while it answers undefined ("not yet"), again at each time of the schedule
 * (counted from the start, so that slow answers do not push the schedule back) up to the deadline; one call
 * at a time, so a time that passed during a slow answer is used at once. `stop()` ends it (the page is gone).
 */
export function retrying(delays: readonly number[], seconds: number, now: () => number) {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wake = () => {};
  return {
    async run<T>(attempt: () => Promise<T | undefined>): Promise<T | undefined> {
      const deadline = now() + seconds * 1000;
      let at = now();
      for (let i = 0; ; i++) {
        const result = await attempt();
        if (stopped) return undefined;
        if (result !== undefined) return result;
        at += 1000 * (delays[i < delays.length ? i : delays.length - 1] ?? seconds);
        if (at > deadline || now() > deadline) return undefined;
        if (at > now()) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            timer = setTimeout(resolve, at - now());
          });
          if (stopped) return undefined;
        }
      }
    },
    stop(): void {
      stopped = true;
      clearTimeout(timer);
      wake();
    },
  };
}
