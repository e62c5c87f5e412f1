import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { resolve } from "node:path";
import { loadBundle, snippet } from "../../server/embed/bundle.ts";
import { type Budget, budget, describe } from "./budgets.ts";
import { database } from "./databases.ts";
import { seed } from "./fixture.ts";
import { type LoadResult, load, type Request } from "./load.ts";
import { hostPage, measurePaint, type PaintCase, type PaintRun, REALISTIC } from "./paint.ts";
import { claims, decisions } from "./requests.ts";
import { aquarium, bare, type Process } from "./servers.ts";
import { widgetSize } from "./size.ts";
import { type Soak, soak } from "./soak.ts";

/**
 * `npm run bench`: what a seller and an operator care about, each beside a baseline measured in the same
 * run. These machines are shared and small: throughput is bounded by the load generator beside the server,
 * so the server's own CPU time per request (its process's counters over the run) is the steadier figure.
 * `BENCH_SKIP=paint,soak,postgres` leaves parts out (their budgets are then not judged).
 */
const SECONDS = { load: 10, decisions: 8, soak: 60, warmup: 3 };
/** Buyers seeded for each decision run: more than the fastest engine decides in its run. */
const DECIDERS = { sqlite: 28_000, postgres: 8_000 };
const PAINT_LOADS = 20;
const PAINT_CASES: PaintCase[] = [
  { name: "loopback", lang: "en", network: "loopback", widget: true },
  { name: "realistic", lang: "en", network: "realistic", widget: true },
  { name: "realistic, German page", lang: "de", network: "realistic", widget: true },
  { name: "loopback, without the widget", lang: "en", network: "loopback", widget: false },
];
const skip = new Set((process.env.BENCH_SKIP ?? "").split(",").filter(Boolean));

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return 0;
  return (
    ((sorted[Math.floor((sorted.length - 1) / 2)] ?? 0) + (sorted[Math.ceil((sorted.length - 1) / 2)] ?? 0)) /
    2
  );
};
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;

const on = (server: Process, next: () => Request) => ({ url: server.url, next, process: server });

async function sqliteRuns(host: Awaited<ReturnType<typeof hostPage>>) {
  const origin = host.origin;
  const db = await database("sqlite");
  progress("SQLite: seeding…");
  const fixture = await seed(
    db.url,
    { claimed: 50 + DECIDERS.sqlite, fresh: skip.has("paint") ? 0 : PAINT_LOADS * PAINT_CASES.length },
    origin,
  );
  const resuming = fixture.claimed.slice(0, 50);
  const server = await aquarium(db.url);
  progress(" claims…");
  const claim = await load([on(server, claims(fixture, resuming, origin))], {
    seconds: SECONDS.load,
    warmup: SECONDS.warmup,
  });
  progress(" decisions…");
  const deciding = decisions(fixture, fixture.claimed.slice(50), origin);
  const decide = await load([on(server, deciding.next)], {
    seconds: SECONDS.decisions,
    warmup: SECONDS.warmup,
  });
  let paint: Record<string, PaintRun[]> | undefined;
  if (!skip.has("paint")) {
    progress(" Chromium…");
    const bundle = loadBundle();
    if (!bundle) throw new Error("build the widget first: npm run build");
    host.page(snippet(bundle, server.url, fixture.siteId));
    paint = await measurePaint(origin, PAINT_CASES, fixture.fresh, PAINT_LOADS);
  }
  await server.stop();
  // Memory on a server of its own, started for the soak: idle first, then under claims only.
  let memory: Soak | undefined;
  if (!skip.has("soak")) {
    progress(` ${SECONDS.soak} s soak…`);
    const fresh = await aquarium(db.url);
    memory = await soak(fresh, await fresh.sample(), claims(fixture, resuming, origin), SECONDS.soak);
    await fresh.stop();
  }
  await db.drop();
  progress(" done\n");
  return { claim, decide, decideReplays: deciding.made.replays, memory, paint };
}

async function postgresRuns(origin: string) {
  const db = await database("postgres");
  progress("PostgreSQL: seeding…");
  const fixture = await seed(db.url, { claimed: 50 + 2 * DECIDERS.postgres, fresh: 0 }, origin);
  const resuming = fixture.claimed.slice(0, 50);
  const server = await aquarium(db.url);
  progress(" claims…");
  const claim = await load([on(server, claims(fixture, resuming, origin))], {
    seconds: SECONDS.load,
    warmup: SECONDS.warmup,
  });
  progress(" decisions, 1 process…");
  const one = decisions(fixture, fixture.claimed.slice(50, 50 + DECIDERS.postgres), origin);
  const decide = await load([on(server, one.next)], { seconds: SECONDS.decisions, warmup: SECONDS.warmup });
  progress(" 2 processes…");
  const second = await aquarium(db.url);
  const two = decisions(fixture, fixture.claimed.slice(50 + DECIDERS.postgres), origin);
  const decideTwo = await load([on(server, two.next), on(second, two.next)], {
    seconds: SECONDS.decisions,
    warmup: SECONDS.warmup,
  });
  await Promise.all([server.stop(), second.stop()]);
  await db.drop();
  progress(" done\n");
  return { claim, decide, decideTwo, replays: one.made.replays + two.made.replays };
}

function progress(text: string) {
  process.stdout.write(text);
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });

function paintSummary(runs: PaintRun[]) {
  const paints = runs.map((r) => r.paint);
  return {
    render: median(runs.map((r) => r.render)),
    paint: median(paints),
    p10: percentile(paints, 0.1),
    p90: percentile(paints, 0.9),
    requests: Math.max(0, ...runs.map((r) => r.requests)),
    load: median(runs.map((r) => r.load)),
    cls: median(runs.map((r) => r.cls)),
    loads: runs.length,
  };
}

async function main() {
  const started = performance.now();
  const loadBefore = loadavg();
  console.log(
    `Aquarium bench: ${cpus().length} cores, load average ${loadBefore.map((n) => fmt(n, 2)).join(" ")}. ` +
      "The load generator (autocannon, in this process), the server processes and PostgreSQL share these cores.\n",
  );
  const size = await widgetSize();
  const host = await hostPage();
  progress("bare node:http…");
  const baseline = await bare();
  const hello = await load([on(baseline, () => ({ method: "GET", path: "/", headers: {}, body: "" }))], {
    seconds: SECONDS.load,
    warmup: SECONDS.warmup,
  });
  const bareIdle = await baseline.sample();
  await baseline.stop();
  progress(" done\n");

  const sqlite = await sqliteRuns(host);
  const postgres = skip.has("postgres") ? undefined : await postgresRuns(host.origin);
  await host.close();
  const paint = sqlite.paint
    ? Object.fromEntries(Object.entries(sqlite.paint).map(([name, runs]) => [name, paintSummary(runs)]))
    : undefined;

  const budgets: Budget[] = [
    budget("server CPU per resumed claim ÷ per bare hello (SQLite)", sqlite.claim.cpu / hello.cpu, "×", {
      atMost: 6,
      goal: 4,
    }),
    budget("resumed claims/s ÷ bare hello/s, same run (SQLite)", sqlite.claim.rps / hello.rps, "×", {
      atLeast: 0.35,
      goal: 0.5,
    }),
    budget("claim p99 at 50 connections (SQLite)", sqlite.claim.p99, " ms", { atMost: 20, goal: 10 }),
    budget("server CPU per decision (SQLite, synchronous=FULL)", sqlite.decide.cpu, " µs", {
      atMost: 500,
      goal: 300,
    }),
    ...(postgres
      ? [
          budget(
            "decisions on PostgreSQL, 2 processes ÷ 1 process",
            postgres.decideTwo.rps / postgres.decide.rps,
            "×",
            { atLeast: 1.5, goal: 1.8 },
          ),
        ]
      : []),
    ...(sqlite.memory
      ? [
          budget(
            `resident memory under a ${SECONDS.soak} s claim soak (peak)`,
            sqlite.memory.peak.rss,
            " MB",
            {
              atMost: 250,
              goal: 180,
            },
          ),
        ]
      : []),
    budget("widget gzip, everything included", size.gzip / 1024, " KB", { atMost: 15, goal: 12 }),
    ...(paint?.realistic
      ? [
          budget(
            `answer → panel painted (after layout), ${REALISTIC.latency} ms network, median`,
            paint.realistic.paint,
            " ms",
            { atMost: 16, goal: 8 },
          ),
          budget("requests before the offer is painted", paint.realistic.requests, "", {
            atMost: 1,
            goal: 1,
          }),
        ]
      : []),
  ];

  const results = {
    at: new Date().toISOString(),
    machine: { cores: cpus().length, loadAverageBefore: loadBefore, loadAverageAfter: loadavg() },
    seconds: SECONDS,
    widget: size,
    paint,
    server: {
      bare: { ...hello, idle: bareIdle },
      sqlite: { claims: sqlite.claim, decisions: sqlite.decide, soak: sqlite.memory },
      postgres: postgres && {
        claims: postgres.claim,
        decisions: postgres.decide,
        decisionsTwoProcesses: postgres.decideTwo,
      },
    },
    budgets,
    elapsed: (performance.now() - started) / 1000,
  };
  writeFileSync(resolve(import.meta.dirname, "results.json"), `${JSON.stringify(results, null, 2)}\n`);

  console.log(`\nWidget bundle (dist/widget/aquarium.js)`);
  console.log(`  raw ${fmt(size.raw)} B   gzip ${fmt(size.gzip)} B   brotli ${fmt(size.brotli)} B`);
  for (const part of size.parts)
    console.log(
      `    ${part.name.padEnd(34)} ${fmt(part.share * 100, 1).padStart(5)} %   ≈ ${fmt(part.gzip)} B gzip`,
    );

  if (paint) {
    console.log(
      `\nWidget in Chromium: answer's last byte → panel in the DOM / painted (after style, layout, paint); ` +
        `median of ${PAINT_LOADS} fresh browsers, p10–p90; "realistic" is ${REALISTIC.latency} ms latency, ` +
        `${REALISTIC.downloadMbps}/${REALISTIC.uploadMbps} Mbit/s`,
    );
    for (const [name, p] of Object.entries(paint)) {
      if (name.includes("without")) continue;
      console.log(
        `  ${name.padEnd(24)} ${fmt(p.render, 1).padStart(5)} ms / ${fmt(p.paint, 1).padStart(5)} ms  [${fmt(p.p10, 1)}–${fmt(p.p90, 1)}]   requests ${p.requests}   load ${fmt(p.load)} ms   CLS ${fmt(p.cls, 4)}`,
      );
    }
    const without = paint["loopback, without the widget"];
    if (without)
      console.log(`  page without the widget: load ${fmt(without.load)} ms, CLS ${fmt(without.cls, 4)}`);
  }

  const widths = [40, 9, 8, 9, 9, 13, 9];
  const row = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 10)).join(" ");
  console.log(
    `\nServer: 50 connections, ${SECONDS.load} s (decisions ${SECONDS.decisions} s, each a new buyer accepting)`,
  );
  console.log(row(["", "req/s", "× bare", "p50 ms", "p99 ms", "CPU µs/req", "× bare"]));
  const line = (name: string, r: LoadResult) =>
    console.log(
      row([
        `  ${name}`,
        fmt(r.rps),
        `${fmt(r.rps / hello.rps, 2)}×`,
        fmt(r.p50, 1),
        fmt(r.p99, 1),
        fmt(r.cpu, 1),
        `${fmt(r.cpu / hello.cpu, 1)}×`,
      ]),
    );
  line("bare node:http hello (baseline)", hello);
  line("POST /v1/sessions resumed, SQLite", sqlite.claim);
  line("POST …/decisions, SQLite", sqlite.decide);
  if (postgres) {
    line("POST /v1/sessions resumed, PostgreSQL", postgres.claim);
    line("POST …/decisions, PostgreSQL", postgres.decide);
    line("POST …/decisions, PostgreSQL, 2 procs", postgres.decideTwo);
  }
  const loads = [
    sqlite.claim,
    sqlite.decide,
    ...(postgres ? [postgres.claim, postgres.decide, postgres.decideTwo] : []),
  ];
  const failed = loads.filter((r) => r.statuses["2xx"] !== r.requests);
  if (failed.length)
    console.log(`  ! some answers were not 2xx: ${JSON.stringify(failed.map((r) => r.statuses))}`);
  const replays = sqlite.decideReplays + (postgres?.replays ?? 0);
  if (replays) console.log(`  ! the decision runs ran out of buyers (${replays} replays): seed more`);

  if (sqlite.memory) {
    const m = sqlite.memory;
    const rss = m.samples.map((s) => s.rss);
    console.log(`\nMemory, SQLite server (MB): resident / V8 heap used / heap reserved / external`);
    console.log(
      `  idle, just started          ${[m.idle.rss, m.idle.heapUsed, m.idle.heapTotal, m.idle.external].map((n) => fmt(n)).join(" / ")}`,
    );
    console.log(
      `  ${SECONDS.soak} s claim soak, peak       ${[m.peak.rss, m.peak.heapUsed, m.peak.heapTotal, m.peak.external].map((n) => fmt(n)).join(" / ")}`,
    );
    console.log(
      `  resident over the soak      median ${fmt(median(rss))}, last ${fmt(rss.at(-1) ?? 0)} (${m.samples.length} samples, ${fmt(m.rps)} claims/s, p99 ${fmt(m.p99, 1)} ms)`,
    );
    console.log(`  bare node:http after its load: ${fmt(bareIdle.rss)} MB resident`);
  }

  console.log("\nBudgets (DESIGN.md)");
  for (const row of budgets) console.log(describe(row));
  const skipped = [...skip].join(", ");
  if (skipped) console.log(`  (not measured: ${skipped})`);
  console.log(
    `\nresults: test/bench/results.json   (${fmt(results.elapsed, 0)} s; load average now ${loadavg()
      .map((n) => fmt(n, 2))
      .join(" ")})`,
  );
}

await main();
