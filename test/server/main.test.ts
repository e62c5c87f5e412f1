import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, inject, test } from "vitest";
import { freshDatabase } from "../support/engines.ts";
import { freePort, jsonLines, type Running, spawnServer, waitForLog } from "../support/process.ts";

const TOKEN = "main-test-admin-token-0123456789abcdef";

/** A claim whose body is sent in two halves: the server has it in flight until `finish` sends the rest. */
function slowUpload(port: number) {
  const body = JSON.stringify({
    site: "site_unknownunknown",
    order: { source: "woocommerce", id: "1", key: "wc_order_abcdefghij" },
    secret: "A".repeat(43),
  });
  let started!: () => void;
  const startedPromise = new Promise<void>((resolve) => {
    started = resolve;
  });
  const outgoing = request({
    host: "127.0.0.1",
    port,
    path: "/v1/sessions",
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin: "https://fish.example",
      "content-length": Buffer.byteLength(body),
    },
  });
  const answered = new Promise<number | "cut off">((resolve) => {
    outgoing.on("response", (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    outgoing.on("error", () => resolve("cut off"));
  });
  outgoing.on("socket", (socket) => socket.on("connect", () => started()));
  outgoing.write(body.slice(0, 10));
  return { started: startedPromise, answered, finish: () => outgoing.end(body.slice(10)) };
}

describe("the server process", () => {
  const children: ChildProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "aquarium-main-"));
  });

  afterEach(async () => {
    const ends = children.splice(0).map((child) => {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      const ended = new Promise<void>((done) => child.once("exit", () => done()));
      child.kill("SIGKILL");
      return ended;
    });
    await Promise.all(ends);
    for (const cleanup of cleanups.splice(0)) await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  function start(env: Record<string, string>): Running {
    const running = spawnServer(env);
    children.push(running.child);
    return running;
  }

  test("starts, answers /healthz, and on SIGTERM stops cleanly with exit code 0", async () => {
    const port = await freePort();
    const database = join(dir, "x.db");
    const running = start({
      ADMIN_TOKEN: TOKEN,
      PORT: String(port),
      DATABASE_URL: `sqlite:${database}`,
      LOG_LEVEL: "info",
    });

    const listening = await waitForLog(running, "listening");
    expect(listening).toMatchObject({
      level: "info",
      port,
      host: "127.0.0.1",
      store: "sqlite",
      publicUrl: `http://127.0.0.1:${port}`,
    });
    expect(existsSync(database)).toBe(true);

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", store: "sqlite" });

    const admin = await fetch(`http://127.0.0.1:${port}/admin/api/sites`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(admin.status).toBe(200);
    expect(await admin.json()).toEqual({ sites: [] });

    expect(running.child.kill("SIGTERM")).toBe(true);
    const { code, signal } = await running.exited;
    expect(signal).toBeNull();
    expect(code).toBe(0);

    const lines = jsonLines(running.stdout());
    expect(lines.find((line) => line.msg === "stopping")).toMatchObject({ signal: "SIGTERM" });
    expect(lines.map((line) => line.msg)).toContain("stopped");
    expect(lines.findIndex((line) => line.msg === "stopped")).toBe(lines.length - 1);
    expect(lines.filter((line) => line.msg === "request").map((line) => [line.path, line.status])).toEqual([
      ["/healthz", 200],
      ["/admin/api/sites", 200],
    ]);
    expect(running.stdout()).not.toContain(TOKEN);
    expect(running.stderr()).not.toMatch(/error/i);
    expect(running.stderr()).not.toContain("    at ");
  });

  test("data written before a stop is there after a restart on the same database", async () => {
    const database = `sqlite:${join(dir, "x.db")}`;
    const first = start({ ADMIN_TOKEN: TOKEN, PORT: String(await freePort()), DATABASE_URL: database });
    const firstPort = (await waitForLog(first, "listening")).port;
    const created = await fetch(`http://127.0.0.1:${firstPort}/admin/api/sites`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "Fish shop" }),
    });
    expect(created.status).toBe(201);
    const siteId = (await created.json()).site.id;
    first.child.kill("SIGTERM");
    expect((await first.exited).code).toBe(0);

    const second = start({ ADMIN_TOKEN: TOKEN, PORT: String(await freePort()), DATABASE_URL: database });
    const secondPort = (await waitForLog(second, "listening")).port;
    const read = await fetch(`http://127.0.0.1:${secondPort}/admin/api/sites/${siteId}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(read.status).toBe(200);
    expect((await read.json()).site.name).toBe("Fish shop");
    second.child.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);
  });

  test("keeps serving when PostgreSQL ends its idle connections (as on a restart or failover)", async () => {
    const database = await freshDatabase("postgres");
    cleanups.push(database.drop);
    const port = await freePort();
    const running = start({ ADMIN_TOKEN: TOKEN, PORT: String(port), DATABASE_URL: database.url });
    expect(await waitForLog(running, "listening")).toMatchObject({ store: "postgres" });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    // The pool now holds an idle connection; the database server ends it, as an administrator or a restart would.
    const admin = new pg.Client({ connectionString: inject("postgresUrl") });
    await admin.connect();
    try {
      const { rows } = await admin.query(
        "select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
        [new URL(database.url).pathname.slice(1)],
      );
      expect(rows.length).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    await new Promise((r) => setTimeout(r, 500));

    expect(
      running.child.exitCode,
      `the server died:\n${running.stderr().split("\n").slice(0, 8).join("\n")}`,
    ).toBeNull();
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", store: "postgres" });
    running.child.kill("SIGTERM");
    expect((await running.exited).code).toBe(0);
  });

  test("a start without ADMIN_TOKEN exits non-zero, naming ADMIN_TOKEN on stderr, without a stack trace", async () => {
    const running = start({ PORT: String(await freePort()), DATABASE_URL: `sqlite:${join(dir, "x.db")}` });
    const { code } = await running.exited;
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(running.stderr()).toContain("ADMIN_TOKEN");
    expect(running.stderr()).not.toContain("    at ");
    expect(running.stdout()).not.toContain("listening");
  });

  test("SIGTERM: /healthz fails first, work in flight finishes, a slow client is cut off after the grace period, and the store is closed cleanly (exit 0)", async () => {
    const port = await freePort();
    const database = join(dir, "x.db");
    const running = start({
      ADMIN_TOKEN: TOKEN,
      PORT: String(port),
      DATABASE_URL: `sqlite:${database}`,
      LOG_LEVEL: "info",
      SHUTDOWN_GRACE_SECONDS: "2",
    });
    await waitForLog(running, "listening");
    // Two uploads in flight: one that will finish during the grace period, one that never will.
    const finishing = slowUpload(port);
    const never = slowUpload(port);
    await Promise.all([finishing.started, never.started]);

    running.child.kill("SIGTERM");
    await waitForLog(running, "stopping");
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(503);
    expect(health.headers.get("connection")).toBe("close");
    expect(health.headers.get("retry-after")).toBe("1");

    finishing.finish();
    expect(await finishing.answered).toBe(404); // answered in full: an unknown site's claim
    expect(await never.answered).toBe("cut off");
    const { code } = await running.exited;
    expect(code).toBe(0);
    const messages = jsonLines(running.stdout()).map((line) => line.msg);
    expect(messages.indexOf("grace period over: closing the remaining connections")).toBeLessThan(
      messages.indexOf("stopped"),
    );
    // SQLite removes its write-ahead log when the last connection closes cleanly.
    expect(existsSync(`${database}-wal`)).toBe(false);
  }, 30_000);

  test("a start with an unreachable database exits 1, without a stack trace or the database password", async () => {
    const closed = await freePort();
    const running = start({
      ADMIN_TOKEN: TOKEN,
      PORT: String(await freePort()),
      DATABASE_URL: `postgres://aquarium:db-password-s3cret@127.0.0.1:${closed}/aquarium`,
    });
    const { code } = await running.exited;
    expect(code).toBe(1);
    expect(running.stderr()).toContain("could not start");
    expect(running.stderr()).toContain("ECONNREFUSED");
    expect(running.stderr()).not.toContain("    at ");
    expect(running.stderr() + running.stdout()).not.toContain("db-password-s3cret");
    expect(running.stdout()).not.toContain("listening");
  });

  test("a start without SECRET_KEY exits 1 and says how to make one, before anything is opened", async () => {
    const database = join(dir, "x.db");
    const running = start({
      ADMIN_TOKEN: TOKEN,
      SECRET_KEY: "",
      PORT: String(await freePort()),
      DATABASE_URL: `sqlite:${database}`,
    });
    const { code } = await running.exited;
    expect(code).toBe(1);
    expect(running.stderr()).toMatch(/SECRET_KEY is required.*randomBytes\(32\)/s);
    expect(existsSync(database)).toBe(false);
  });

  test("a start with a wrong PORT exits non-zero, naming PORT on stderr, without a stack trace", async () => {
    const running = start({ ADMIN_TOKEN: TOKEN, PORT: "abc", DATABASE_URL: `sqlite:${join(dir, "x.db")}` });
    const { code } = await running.exited;
    expect(code).toBe(1);
    expect(running.stderr()).toContain("PORT");
    expect(running.stderr()).not.toContain("    at ");
    expect(running.stderr()).not.toContain(TOKEN);
  });
});
