import { Hono } from "hono";
import type { HealthAnswer } from "../contract/index.ts";
import { AppError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { Store } from "../store/store.ts";

/**
 * `GET /healthz`: 200 while the process serves and its store answers; 503 with what is wrong (the store
 * locked, down, hung, its disk full) and, first of all when the process is stopping, so that a load balancer
 * sends no more work here.
 */
export function healthRoutes(store: Store, logger: Logger, stopping: () => boolean): Hono {
  const app = new Hono();
  app.get("/healthz", async (c) => {
    if (stopping()) {
      throw new AppError("unavailable", "This instance is stopping.", { retryAfterSeconds: 1 });
    }
    try {
      await store.ping();
    } catch (error) {
      logger.error({ err: error }, "store unreachable");
      if (error instanceof AppError) throw error;
      throw new AppError("unavailable", "The store cannot be reached.", { retryAfterSeconds: 2 });
    }
    return c.json({ status: "ok", store: store.engine } satisfies HealthAnswer);
  });
  return app;
}
