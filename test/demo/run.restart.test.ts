import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { freePort, outputOf, ROOT, waitForText } from "../support/process.ts";

/** The demo (already built) started in `cwd`, as a newcomer starts it again after stopping it; its console output. */
async function startDemo(cwd: string): Promise<{ child: ChildProcess; output: () => string }> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(await freePort()),
    LOG_LEVEL: "warn",
  };
  for (const name of ["ADMIN_TOKEN", "SECRET_KEY", "DATABASE_URL", "PUBLIC_URL"]) delete env[name];
  const child = spawn(process.execPath, [join(ROOT, "demo/run.ts")], {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = outputOf(child);
  await waitForText(child, output, "seller's inbox", 30_000);
  return { child, output };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((done) => child.once("exit", done));
  child.kill("SIGTERM");
  await exited;
}

describe("the demo, started again", () => {
  const cwd = mkdtempSync(join(tmpdir(), "aq-demo-restart-"));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  test("logs in with the same admin token as before: it is kept in ./data, and the output says so", async () => {
    const first = await startDemo(cwd);
    await stop(first.child);
    const second = await startDemo(cwd);
    await stop(second.child);

    const token = (output: string) => /admin token: (demo-[\w-]{20,})/.exec(output)?.[1];
    expect(token(first.output())).toBeDefined();
    expect(token(second.output())).toBe(token(first.output()));
    const file = join(cwd, "data/demo-admin-token");
    expect(readFileSync(file, "utf8").trim()).toBe(token(first.output()));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(second.output()).toContain("kept in ./data/demo-admin-token");
    // The site and its database were found as left: the owner's token was shown once, at the first start.
    expect(first.output()).toMatch(/site owner token {2}aqo_/);
    expect(second.output()).not.toContain("site owner token");
    // The same demo site, so the same snippet.
    const site = (output: string) => /data-site="(site_[\w-]+)"/.exec(output)?.[1];
    expect(site(second.output())).toBe(site(first.output()));
  }, 90_000);
});
