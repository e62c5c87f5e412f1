import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/**
 * Every store test runs on PostgreSQL too, so the suite needs a server: AQUARIUM_TEST_PG when set,
 * else the private cluster `../shared/bin/pg-test` starts (and installs, on a bare machine).
 */
export default function setup(project: TestProject): void {
  const url =
    process.env.AQUARIUM_TEST_PG ||
    execFileSync(resolve(import.meta.dirname, "../../../shared/bin/pg-test"), ["start"], {
      encoding: "utf8",
    }).trim();
  project.provide("postgresUrl", url);
}
