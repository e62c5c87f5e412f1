import { Writable } from "node:stream";
import type { Hono } from "hono";
import { createApp } from "../../server/app.ts";
import { type Config, loadConfig } from "../../server/config.ts";
import type { Deps, Limits } from "../../server/deps.ts";
import type { Bundle } from "../../server/embed/bundle.ts";
import { createLogger } from "../../server/log.ts";
import type { PaymentProviders } from "../../server/payments/provider.ts";
import { buildServices, sessionsDeps } from "../../server/services.ts";
import type { SessionsDeps } from "../../server/sessions/context.ts";
import { openStore } from "../../server/store/open.ts";
import type { Store } from "../../server/store/store.ts";
import { testResolver } from "./dns.ts";
import { type Engine, freshStore } from "./engines.ts";
import { TEST_SECRET_KEY, testBox } from "./secrets.ts";

export const ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

export interface TestApp {
  app: Hono;
  store: Store;
  /** Every log line the app wrote, parsed. */
  logs: Record<string, unknown>[];
  /** The raw log text, to search for anything that must never be logged. */
  logText(): string;
  /** The configuration the app runs with. */
  config: Config;
  /** What the session use cases are given, as the app gives it them (to call them without HTTP). */
  useCases(): SessionsDeps;
  /** The whole of what the app is given. */
  deps(): Deps;
  /** The app's clock, in epoch ms; tests move it. */
  now: number;
  /** `fetch` against the app, with the admin token unless told otherwise. */
  admin(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** Stops the app and its store as a crash would leave them, and starts both again on the same database. */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

/** The real app on a fresh database of the given engine, its clock and logs in the test's hands. */
export async function testApp(
  engine: Engine,
  {
    start = Date.UTC(2026, 10, 22, 12, 0, 0),
    limits,
    file = false,
    bundle = null,
    env = {},
    payments,
  }: {
    start?: number;
    limits?: Partial<Limits>;
    file?: boolean;
    bundle?: Bundle | null;
    /** More configuration, as environment variables (TRUST_PROXY…). */
    env?: Record<string, string>;
    /** Payment providers in place of the local ones (a fake that fails on cue). */
    payments?: PaymentProviders;
  } = {},
): Promise<TestApp> {
  const fresh = await freshStore(engine, { file });
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const config = loadConfig({
    ADMIN_TOKEN,
    SECRET_KEY: TEST_SECRET_KEY,
    // The tests' sellers listen on this machine, over plain http; the tests of that refusal turn it off.
    ALLOW_LOOPBACK_HTTP: "true",
    DATABASE_URL: "sqlite::memory:",
    LOG_LEVEL: "info",
    ...env,
  });
  const logger = createLogger("info", sink);
  const build = (store: Store) =>
    createApp({
      config,
      store,
      logger,
      clock: () => harness.now,
      resolveHost: testResolver,
      bundle,
      ...(limits && { limits }),
      ...(payments && { payments }),
    });
  const harness: TestApp = {
    app: build(fresh),
    store: fresh,
    config,
    useCases: () => sessionsDeps(harness.deps(), buildServices(harness.deps())),
    deps: () => ({
      config,
      store: harness.store,
      logger,
      clock: () => harness.now,
      resolveHost: testResolver,
      bundle,
      ...(payments && { payments }),
    }),
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
    async restart() {
      await harness.store.close();
      harness.store = await openStore(fresh.url, testBox());
      harness.app = build(harness.store);
    },
    async dispose() {
      await harness.store.close();
      await fresh.drop();
    },
  };
  return harness;
}
