import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { TEST_SECRET_KEY } from "./secrets.ts";

export const ROOT = resolve(import.meta.dirname, "../..");

export interface Running {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A free TCP port on 127.0.0.1, found by letting the system choose one and releasing it. */
export function freePort(): Promise<number> {
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
export function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** `node server/main.ts` from the project root, as a user starts it, with only the environment given. */
export function spawnServer(env: Record<string, string>): Running {
  const child = spawn(process.execPath, ["server/main.ts"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", SECRET_KEY: TEST_SECRET_KEY, ALLOW_LOOPBACK_HTTP: "true", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
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
export async function waitForLog(
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

/** Ends a process with SIGKILL (unless it has ended) and waits until it has. */
export async function kill(running: Running): Promise<void> {
  const { child } = running;
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await running.exited;
}

/** Everything a process writes to stdout and stderr, as it comes, in one text. */
export function outputOf(child: ChildProcess): () => string {
  let output = "";
  for (const stream of [child.stdout, child.stderr])
    stream?.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
  return () => output;
}

/** Waits until a process's output holds `text`; fails with the output if the process ends first or is too slow. */
export async function waitForText(
  child: ChildProcess,
  output: () => string,
  text: string,
  timeoutMs: number,
): Promise<void> {
  const started = Date.now();
  while (!output().includes(text)) {
    if (Date.now() - started > timeoutMs || child.exitCode !== null)
      throw new Error(`"${text}" never came:\n${output()}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}
