import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { freePort, ROOT } from "../support/process.ts";
import { TEST_SECRET_KEY } from "../support/secrets.ts";
import type { Sample } from "./probe.ts";

export interface Process {
  url: string;
  child: ChildProcess;
  /** The process's own CPU and memory counters, read inside it (probe.ts). */
  sample(): Promise<Sample>;
  stop(): Promise<void>;
}

const PROBE = resolve(import.meta.dirname, "probe.ts");

async function ready(url: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if ((await fetch(url).catch(() => null))?.ok) return;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`${url} did not answer`);
}

function track(child: ChildProcess, url: string): Process {
  return {
    url,
    child,
    sample: () =>
      new Promise((done, fail) => {
        child.once("message", (message) => done(message as Sample));
        if (!child.send("sample")) fail(new Error("the measured process has no IPC channel"));
      }),
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once("exit", () => done());
        child.kill("SIGTERM");
      }),
  };
}

const spawnProbed = (args: string[], env: NodeJS.ProcessEnv) =>
  spawn(process.execPath, ["--import", PROBE, ...args], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });

/**
 * The product's server, as `npm start` runs it (logging each request at info, to nowhere); `nodeArgs` for
 * Node itself (`--cpu-prof`, profile.ts).
 */
export async function aquarium(databaseUrl: string, nodeArgs: string[] = []): Promise<Process> {
  const port = await freePort();
  const child = spawnProbed([...nodeArgs, "server/main.ts"], {
    PATH: process.env.PATH ?? "",
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    ADMIN_TOKEN: "bench-admin-token-0123456789abcdef",
    SECRET_KEY: TEST_SECRET_KEY,
    LOG_LEVEL: "info",
    // The load comes from one address: the per-client limit would measure 429s, not the server.
    RATE_LIMIT_PER_MINUTE: "1000000000",
    // Nothing is in flight when the bench stops a server: no need to wait for a load balancer.
    SHUTDOWN_GRACE_SECONDS: "1",
  });
  const url = `http://127.0.0.1:${port}`;
  await ready(`${url}/healthz`);
  return track(child, url);
}

/** The baseline: bare node:http answering a small JSON, in its own process like the server. */
export async function bare(): Promise<Process> {
  const port = await freePort();
  const code = `require("node:http").createServer((q, s) => { q.resume(); q.on("end", () => { s.writeHead(200, { "content-type": "application/json" }); s.end('{"hello":"world"}'); }); }).listen(${port}, "127.0.0.1");`;
  const child = spawnProbed(["-e", code], { PATH: process.env.PATH ?? "" });
  const url = `http://127.0.0.1:${port}`;
  await ready(url);
  return track(child, url);
}
