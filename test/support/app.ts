import { Writable } from "node:stream";
import type { Hono } from "hono";
import { createApp } from "../../server/app.ts";
import { loadConfig } from "../../server/config.ts";
import { createLogger } from "../../server/log.ts";
import type { Limits } from "../../server/deps.ts";
import type { Store } from "../../server/store/store.ts";
import { type Engine, freshStore } from "./engines.ts";

export const ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

export interface TestApp {
  app: Hono;
  store: Store;
  /** Every log line the app wrote, parsed. */
  logs: Record<string, unknown>[];
  /** The raw log text, to search for anything that must never be logged. */
  logText(): string;
  /** The app's clock, in epoch ms; tests move it. */
  now: number;
  /** `fetch` against the app, with the admin token unless told otherwise. */
  admin(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  dispose(): Promise<void>;
}

/** The real app on a fresh database of the given engine, its clock and logs in the test's hands. */
export async function testApp(
  engine: Engine,
  { start = Date.UTC(2026, 10, 22, 12, 0, 0), limits }: { start?: number; limits?: Partial<Limits> } = {},
): Promise<TestApp> {
  const store = await freshStore(engine);
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const config = loadConfig({ ADMIN_TOKEN, DATABASE_URL: "sqlite::memory:", LOG_LEVEL: "info" });
  const harness: TestApp = {
    app: undefined as unknown as Hono,
    store,
    now: start,
    get logs() {
      return chunks
        .join("")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line));
    },
    logText: () => chunks.join(""),
    admin(path, init = {}) {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (!headers.has("authorization")) headers.set("authorization", `Bearer ${ADMIN_TOKEN}`);
      if (json !== undefined) headers.set("content-type", "application/json");
      return Promise.resolve(
        harness.app.request(`/admin/api${path}`, {
          ...rest,
          headers,
          ...(json !== undefined && { body: JSON.stringify(json) }),
        }),
      );
    },
    dispose: () => store.dispose(),
  };
  harness.app = createApp({ config, store, logger: createLogger("info", sink), clock: () => harness.now, ...(limits && { limits }) });
  return harness;
}
