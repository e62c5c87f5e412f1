import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { openStore } from "../../server/store/open.ts";
import type { Store } from "../../server/store/store.ts";
import { testBox } from "./secrets.ts";

export type Engine = "sqlite" | "postgres";
export const ENGINES: Engine[] = ["sqlite", "postgres"];

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject("postgresUrl") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A database of its own for one test: an in-memory SQLite (a file when it must outlive a restart),
 * or a fresh PostgreSQL database.
 */
export async function freshDatabase(
  engine: Engine,
  { file = false }: { file?: boolean } = {},
): Promise<{ url: string; drop(): Promise<void> }> {
  if (engine === "sqlite" && !file) return { url: "sqlite::memory:", drop: async () => {} };
  if (engine === "sqlite") {
    const path = join(tmpdir(), `aq-test-${randomBytes(6).toString("hex")}.db`);
    return {
      url: `sqlite:${path}`,
      drop: async () => {
        for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
      },
    };
  }
  const name = `aq_test_${randomBytes(6).toString("hex")}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(inject("postgresUrl"));
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

/** A migrated store on a fresh database; `dispose` closes and drops it. */
export async function freshStore(
  engine: Engine,
  options: { file?: boolean } = {},
): Promise<Store & { url: string; drop(): Promise<void>; dispose(): Promise<void> }> {
  const database = await freshDatabase(engine, options);
  const store = await openStore(database.url, testBox());
  return Object.assign(store, {
    url: database.url,
    drop: database.drop,
    async dispose() {
      await store.close();
      await database.drop();
    },
  });
}
