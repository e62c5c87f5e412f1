import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, inject, test } from "vitest";
import { freshDatabase } from "../support/engines.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const TOKEN = "main-test-admin-token-0123456789abcdef";

interface Running {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A free TCP port on 127.0.0.1, found by letting the system choose one and releasing it. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") return fail(new Error("no port"));
      server.close(() => done(address.port));
    });
  });
}

/** JSON log lines of the server's stdout, skipping anything that is not JSON. */
function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
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

  /** `node server/main.ts` from the project root, as a user starts it, with only the environment given. */
  function start(env: Record<string, string>): Running {
    const child = spawn(process.execPath, ["server/main.ts"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let out = "";
    let err = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      err += chunk;
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
      child.once("exit", (code, signal) => done({ code, signal }));
    });
    return { child, stdout: () => out, stderr: () => err, exited };
  }

  /** Waits for a log line with this message, failing early if the process ends first. */
  async function waitForLog(
    running: Running,
    msg: string,
    timeoutMs = 15_000,
  ): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    let ended = false;
    void running.exited.then(() => {
      ended = true;
    });
    while (Date.now() < deadline) {
      const line = jsonLines(running.stdout()).find((l) => l.msg === msg);
      if (line) return line;
      if (ended) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no "${msg}" log line; stdout:\n${running.stdout()}\nstderr:\n${running.stderr()}`);
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

  test("a start with a wrong PORT exits non-zero, naming PORT on stderr, without a stack trace", async () => {
    const running = start({ ADMIN_TOKEN: TOKEN, PORT: "abc", DATABASE_URL: `sqlite:${join(dir, "x.db")}` });
    const { code } = await running.exited;
    expect(code).toBe(1);
    expect(running.stderr()).toContain("PORT");
    expect(running.stderr()).not.toContain("    at ");
    expect(running.stderr()).not.toContain(TOKEN);
  });
});
