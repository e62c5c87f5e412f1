import type { Logger } from "./log.ts";

/**
 * A background task run every so often, never two passes at once: `runOnce` runs a pass now (or joins the
 * one in flight), `stop` waits for it. A pass that throws is logged; the next one runs as usual.
 */
export function periodic(name: string, logger: Logger, task: () => Promise<number>) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  function runOnce(): Promise<number> {
    running ??= task()
      .catch((error: unknown) => {
        logger.error({ err: error }, `${name} pass failed`);
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  return {
    runOnce,
    start(intervalMs: number) {
      timer = setInterval(() => void runOnce(), intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
