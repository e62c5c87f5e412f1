import { ConfigError, loadConfig } from "./config.ts";
import { startServer } from "./serve.ts";

/** `npm start`: configuration from the environment, the server, and a clean stop on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const running = await startServer(loadConfig());
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.deps.logger.info({ signal }, "stopping");
    // A last resort, should closing hang: the grace period, and then some for the store and the outbox.
    setTimeout(() => process.exit(1), running.deps.config.shutdownGraceMs + 15_000).unref();
    await running.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error("Aquarium could not start:", error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
