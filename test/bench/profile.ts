import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { database } from "./databases.ts";
import { seed } from "./fixture.ts";
import { load } from "./load.ts";
import { claims, decisions } from "./requests.ts";
import { aquarium } from "./servers.ts";

/**
 * Where the server's time goes on one route: `node test/bench/profile.ts claims|decisions [sqlite|postgres]`
 * runs the server under `--cpu-prof` with the bench's load (50 connections), warmed up for 4 s and then measured
 * for 8, and prints the functions and the parts of the code (packages, the server's folders, Node itself) by the
 * time spent in them over the measured seconds, from the profile's own samples (wall-clock samples: on a busy
 * machine a system call that wakes another process, such as a socket write, also carries the time this
 * process then waited for a core). The .cpuprofile is kept (open it in Chromium's DevTools).
 */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const route = process.argv[2] === "decisions" ? "decisions" : "claims";
const engine = process.argv[3] === "postgres" ? "postgres" : "sqlite";
const SECONDS = 8;
const ORIGIN = "http://127.0.0.1:9";

function partOf(url: string): string {
  if (!url) return "(V8, GC, native)";
  if (url.startsWith("node:")) return "node: internals";
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (module) return module;
  const own = /\/(server|test)\/(.*)$/.exec(url);
  if (own) return `${own[1]}/${own[2]?.split("/").slice(0, -1).join("/") || "."}`;
  return url;
}

/** The profile's samples taken between `from` and `to` (µs of the monotonic clock), the rest left out. */
function cut(profile: Profile, from: number, to: number): Profile {
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= from && at <= to) {
      samples.push(id);
      timeDeltas.push(profile.timeDeltas[i] ?? 0);
    }
  });
  return { ...profile, samples, timeDeltas };
}

function summarise(profile: Profile): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = [...self.entries()]
    .filter(([id]) => byId.get(id)?.callFrame.functionName === "(idle)")
    .reduce((a, [, t]) => a + t, 0);
  const busy = total - idle;
  const add = (map: Map<string, number>, key: string, t: number) => map.set(key, (map.get(key) ?? 0) + t);
  const functions = new Map<string, number>();
  const parts = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const nameOf = (frame: Node["callFrame"]) =>
    `${frame.functionName || "(anonymous)"}  ${frame.url.replace(/^.*\/(node_modules|server|test)\//, "$1/")}:${frame.lineNumber + 1}`;
  profile.samples.forEach((id, i) => {
    if (byId.get(id)?.callFrame.functionName === "(idle)") return;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame && frame.functionName !== "(root)") seen.add(nameOf(frame));
    }
    for (const key of seen) add(inclusive, key, profile.timeDeltas[i] ?? 0);
  });
  for (const [id, t] of self) {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === "(idle)") continue;
    add(functions, nameOf(frame), t);
    add(parts, partOf(frame.url), t);
  }
  const show = (title: string, map: Map<string, number>, count: number) => {
    console.log(`\n${title}`);
    for (const [key, t] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, count))
      console.log(`  ${((t / busy) * 100).toFixed(1).padStart(5)} %  ${key}`);
  };
  console.log(`busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms sampled`);
  show("By part of the code (self time)", parts, 25);
  show("By function (self time)", functions, 40);
  show("By function, with what it calls (total time)", inclusive, 60);
}

async function main() {
  const db = await database(engine);
  const url = db.url;
  const fixture = await seed(url, { claimed: route === "claims" ? 50 : 20_000, fresh: 0 }, ORIGIN);
  const dir = mkdtempSync(join(tmpdir(), "aq-profile-"));
  const server = await aquarium(url, ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--cpu-prof-interval=200"]);
  const next =
    route === "claims"
      ? claims(fixture, fixture.claimed, ORIGIN)
      : decisions(fixture, fixture.claimed, ORIGIN).next;
  const target = { url: server.url, next, process: server };
  await load([target], { seconds: 4 });
  const from = (await server.sample()).at;
  const result = await load([target], { seconds: SECONDS });
  const to = (await server.sample()).at;
  await server.stop();
  console.log(
    `${route} on ${engine}: ${result.rps.toFixed(0)} req/s, ${result.cpu.toFixed(0)} µs CPU/request, statuses ${JSON.stringify(result.statuses)}`,
  );
  const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
  if (!file) throw new Error("the server wrote no profile");
  summarise(cut(JSON.parse(readFileSync(join(dir, file), "utf8")) as Profile, from, to));
  console.log(`\nprofile: ${join(dir, file)}`);
  await db.drop();
}

await main();
