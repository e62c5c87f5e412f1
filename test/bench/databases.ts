import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { ROOT } from "../support/process.ts";

function postgresUrl(): string {
  return (
    process.env.AQUARIUM_TEST_PG ||
    execFileSync(resolve(ROOT, "../shared/bin/pg-test"), ["start"], { encoding: "utf8" }).trim()
  );
}

/**
 * A database of the bench's own: a SQLite file on disk (as `npm start` keeps one), or a new database on the
 * test cluster of PostgreSQL (`AQUARIUM_TEST_PG`, else `../shared/bin/pg-test` starts one); `drop` removes it.
 */
export async function database(
  engine: "sqlite" | "postgres",
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `aq_bench_${randomBytes(4).toString("hex")}`;
  if (engine === "sqlite") {
    const path = join(tmpdir(), `${name}.db`);
    return {
      url: `sqlite:${path}`,
      drop: async () => {
        for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
      },
    };
  }
  const admin = postgresUrl();
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
