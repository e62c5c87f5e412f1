import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { freePort, ROOT } from "../support/process.ts";
import { TEST_SECRET_KEY } from "../support/secrets.ts";

export interface Process {
  url: string;
  child: ChildProcess;
  /** Resident memory, in MB, from /proc. */
  rss(): number;
  stop(): Promise<void>;
}

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
    rss: () =>
      Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0) / 1024,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once("exit", () => done());
        child.kill("SIGTERM");
      }),
  };
}

/** The product's server, as `npm start` runs it (logging each request at info, to nowhere). */
export async function aquarium(databaseUrl: string): Promise<Process> {
  const port = await freePort();
  const child = spawn(process.execPath, ["server/main.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      ADMIN_TOKEN: "bench-admin-token-0123456789abcdef",
      SECRET_KEY: TEST_SECRET_KEY,
      LOG_LEVEL: "info",
      // The load comes from one address: the per-client limit would measure 429s, not the server.
      RATE_LIMIT_PER_MINUTE: "1000000000",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  await ready(`${url}/healthz`);
  return track(child, url);
}

/** The baseline: bare node:http answering a small JSON, in its own process like the server. */
export async function bare(): Promise<Process> {
  const port = await freePort();
  const code = `require("node:http").createServer((q, s) => { q.resume(); q.on("end", () => { s.writeHead(200, { "content-type": "application/json" }); s.end('{"hello":"world"}'); }); }).listen(${port}, "127.0.0.1");`;
  const child = spawn(process.execPath, ["-e", code], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  await ready(url);
  return track(child, url);
}
