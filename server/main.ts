import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { loadBundle } from "./embed/bundle.ts";
import { createLogger } from "./log.ts";
import { outboxWorker } from "./outbox/worker.ts";
import { openStore } from "./store/open.ts";

/** Start-up: configuration, store (migrated), HTTP; and a clean stop on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const store = await openStore(config.databaseUrl);
  const bundle = loadBundle();
  if (!bundle) logger.warn("the widget is not built (npm run build): /aquarium.js answers 404");
  const deps = { config, store, logger, clock: Date.now, bundle };
  const app = createApp(deps);
  const outbox = outboxWorker(deps);
  outbox.start();

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info(
      { port: info.port, host: config.host, store: store.engine, publicUrl: config.publicUrl },
      "listening",
    );
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    // Finish the requests in flight, refuse new ones, then close the store.
    server.close(async () => {
      await outbox.stop();
      await store.close();
      logger.info("stopped");
      process.exit(0);
    });
    if ("closeIdleConnections" in server) server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error("Aquarium could not start:", error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
