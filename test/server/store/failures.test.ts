import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, describe, expect, test } from "vitest";
import { createApp } from "../../../server/app.ts";
import { loadConfig } from "../../../server/config.ts";
import { AppError } from "../../../server/errors.ts";
import { createLogger } from "../../../server/log.ts";
import { storeErrors } from "../../../server/store/failures.ts";
import { openStore } from "../../../server/store/open.ts";
import type { Store } from "../../../server/store/store.ts";
import { ADMIN_TOKEN } from "../../support/app.ts";
import { freshDatabase } from "../../support/engines.ts";
import { TEST_SECRET_KEY, testBox } from "../../support/secrets.ts";
import { browserSecret } from "../../support/shop.ts";
import { tcpProxy } from "../../support/tcp-proxy.ts";

const appOn = (store: Store) =>
  createApp({
    config: loadConfig({ ADMIN_TOKEN, SECRET_KEY: TEST_SECRET_KEY }),
    store,
    logger: createLogger("silent"),
    clock: Date.now,
  });
const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" };

describe("SQLite on a bad day", () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  test("a database locked by another process: what needs it answers 503 with Retry-After, the rest at once; then it recovers", async () => {
    const path = join(tmpdir(), `aq-locked-${randomBytes(4).toString("hex")}.db`);
    cleanups.push(() => {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
    });
    const store = await openStore(`sqlite:${path}`, testBox());
    cleanups.push(() => store.close());
    const app = appOn(store);
    const other = new DatabaseSync(path);
    cleanups.push(() => other.close());
    other.exec("BEGIN IMMEDIATE"); // another process takes the write lock, and keeps it

    const write = Promise.resolve(
      app.request("/admin/api/sites", {
        method: "POST",
        headers: admin,
        body: JSON.stringify({ name: "Shop" }),
      }),
    );
    let settled = false;
    void write.then(() => {
      settled = true;
    });
    // The process is not frozen behind the lock: a request that needs no store answers meanwhile.
    const robots = await app.request("/robots.txt");
    expect(robots.status).toBe(200);
    expect(settled).toBe(false);

    const refused = await write;
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("2");
    expect((await refused.json()).error.message).toContain("locked by another process");

    other.exec("ROLLBACK");
    const created = await app.request("/admin/api/sites", {
      method: "POST",
      headers: admin,
      body: JSON.stringify({ name: "Shop" }),
    });
    expect(created.status).toBe(201);
  });

  test("a full disk answers 503 saying so, and writes work again when space returns", async () => {
    // A real SQLite "database or disk is full", made by capping the database's size.
    const db = new DatabaseSync(":memory:");
    cleanups.push(() => db.close());
    db.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('a')");
    const pages = Number((db.prepare("PRAGMA page_count").get() as { page_count: number }).page_count);
    db.exec(`PRAGMA max_page_count = ${pages}`);
    const store = storeErrors({
      async write() {
        db.prepare("INSERT INTO t VALUES (?)").run("x".repeat(10_000));
      },
    });
    const error = await store.write().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "unavailable", retryAfterSeconds: 2 });
    expect((error as AppError).message).toContain("disk is full");
    db.exec("PRAGMA max_page_count = 100000");
    await expect(store.write()).resolves.toBeUndefined();
  });
});

describe("PostgreSQL on a bad day", () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function storeBehindProxy() {
    const database = await freshDatabase("postgres");
    cleanups.push(database.drop);
    const url = new URL(database.url);
    const proxy = await tcpProxy({ host: url.hostname, port: Number(url.port) });
    cleanups.push(proxy.close);
    url.port = String(proxy.port);
    const store = await openStore(url.toString(), testBox());
    cleanups.push(() => store.close());
    return { app: appOn(store), proxy };
  }
  const listSites = (app: ReturnType<typeof appOn>) => app.request("/admin/api/sites", { headers: admin });

  test("a hung server: 503 with Retry-After within seconds, /healthz says it did not answer, and it recovers without a restart", async () => {
    const { app, proxy } = await storeBehindProxy();
    expect((await listSites(app)).status).toBe(200);
    proxy.hang();
    const hung = await listSites(app);
    expect(hung.status).toBe(503);
    expect(hung.headers.get("retry-after")).toBe("2");
    const health = await app.request("/healthz");
    expect(health.status).toBe(503);
    expect((await health.json()).error.message).toMatch(/did not answer in time|cannot be reached/);
    proxy.heal();
    const healed = await listSites(app);
    expect(healed.status, await healed.clone().text()).toBe(200);
    expect((await app.request("/healthz")).status).toBe(200);
  }, 30_000);

  test("a server that is down: 503 saying it cannot be reached, never a 500; back up, it serves again", async () => {
    const { app, proxy } = await storeBehindProxy();
    expect((await listSites(app)).status).toBe(200);
    proxy.down();
    for (const response of [
      await listSites(app),
      await app.request("/v1/sessions", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "https://fish.example" },
        body: JSON.stringify({
          site: "site_unknownunknown",
          order: { source: "ref", ref: "r".repeat(20) },
          secret: browserSecret(),
        }),
      }),
    ]) {
      expect(response.status).toBe(503);
      expect((await response.json()).error.message).toContain("cannot be reached");
    }
    const health = await app.request("/healthz");
    expect(health.status).toBe(503);
    expect((await health.json()).error.message).toContain("cannot be reached");
    proxy.heal();
    expect((await listSites(app)).status).toBe(200);
  }, 30_000);
});
