import type { Server } from "node:http";
import { setTimeout } from "node:timers/promises";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { purgeDeleted } from "./admin/purge.ts";
import { createApp } from "./app.ts";
import type { Config } from "./config.ts";
import type { Deps } from "./deps.ts";
import { loadBundle } from "./embed/bundle.ts";
import { createLogger } from "./log.ts";
import { DELIVERED_KEPT_MS, outboxWorker } from "./outbox/worker.ts";
import { periodic } from "./periodic.ts";
import { secretBox } from "./secret-box.ts";
import { settlementRecovery } from "./sessions/recovery.ts";
import { openStore } from "./store/open.ts";

export interface Running {
  deps: Deps;
  /** Finishes the requests in flight, refuses new ones, stops the outbox, closes the store. */
  stop(): Promise<void>;
}

/**
 * Opens the store (migrated), starts the outbox and listens. `extend` may mount more apps by path,
 * once the store is open (the demo seeds and mounts its shop this way, on the same port).
 */
export async function startServer(
  config: Config,
  extend?: (deps: Deps) => Promise<Record<string, Hono>>,
): Promise<Running> {
  const logger = createLogger(config.logLevel);
  const store = await openStore(
    config.databaseUrl,
    secretBox(config.secretKeys.current, config.secretKeys.previous),
  );
  const bundle = loadBundle();
  if (!bundle) logger.warn("the widget is not built (npm run build): /aquarium.js answers 404");
  const lifecycle = { stopping: false };
  const deps: Deps = { config, store, logger, clock: Date.now, bundle, lifecycle };
  const app = createApp(deps, await extend?.(deps));
  const outbox = outboxWorker(deps);
  outbox.start();
  const recovery = settlementRecovery(deps);
  recovery.start();
  // Rate-limit tallies outlive their window only until the next sweep; the cockpit keeps its newest rows only;
  // delivered events stay in the seller's delivery log for DELIVERED_KEPT_MS.
  const sweep = periodic("sweep", logger, async () => {
    const [tallies, logged, delivered] = await Promise.all([
      store.counters.sweep(Date.now()),
      store.cockpit.prune(),
      store.outbox.prune(Date.now() - DELIVERED_KEPT_MS),
    ]);
    return tallies + logged + delivered;
  });
  sweep.start(60_000);
  // Products and offers deleted more than 30 days ago go for good; until then they can be restored.
  const purge = periodic("purge", logger, () => purgeDeleted(store, Date.now()));
  purge.start(10 * 60_000);
  // What the cockpit recorded (order deliveries, claims) is written together, once a second.
  const cockpitLog = periodic("cockpit log", logger, async () => {
    await store.cockpit.flush();
    return 0;
  });
  cockpitLog.start(1_000);

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const listening = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
      logger.info(
        { port: info.port, host: config.host, store: store.engine, publicUrl: config.publicUrl },
        "listening",
      );
      resolve(listening);
    });
  });

  const http = server as Server;
  return {
    deps,
    async stop() {
      // First /healthz fails and every answer says Connection: close, while the listener still answers, so that
      // a load balancer sees this instance leave before its connections are refused.
      lifecycle.stopping = true;
      await setTimeout(Math.min(2_000, config.shutdownGraceMs / 2));
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      // Work in flight may finish; past the grace period, whoever is left (a slow client) is cut off.
      const cutOff = globalThis.setTimeout(() => {
        logger.warn("grace period over: closing the remaining connections");
        http.closeAllConnections();
      }, config.shutdownGraceMs);
      await closed;
      clearTimeout(cutOff);
      await Promise.all([outbox.stop(), recovery.stop(), sweep.stop(), purge.stop(), cockpitLog.stop()]);
      await store.close();
      logger.info("stopped");
    },
  };
}
