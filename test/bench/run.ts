import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { loadBundle, snippet } from "../../server/embed/bundle.ts";
import { ROOT } from "../support/process.ts";
import { type Claimable, type Fixture, seed } from "./fixture.ts";
import { type LoadResult, load, loadMany } from "./load.ts";
import { hostPage, measurePaint, type PaintResult } from "./paint.ts";
import { aquarium, bare } from "./servers.ts";
import { widgetSize } from "./size.ts";

/**
 * `npm run bench`: what a seller and an operator care about, each beside a baseline measured in the same
 * run (these machines are shared: read the ratios and the spread, not the absolutes).
 */
const DECISIONS = 3000;
const PAINT_LOADS = 30;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length
    ? ((sorted[Math.floor((sorted.length - 1) / 2)] ?? 0) +
        (sorted[Math.ceil((sorted.length - 1) / 2)] ?? 0)) /
        2
    : 0;
};
const spread = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p10: sorted[Math.floor(sorted.length * 0.1)] ?? 0,
    p90: sorted[Math.floor(sorted.length * 0.9)] ?? 0,
  };
};

function postgresUrl(): string {
  return (
    process.env.AQUARIUM_TEST_PG ||
    execFileSync(resolve(ROOT, "../shared/bin/pg-test"), ["start"], { encoding: "utf8" }).trim()
  );
}

async function postgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = postgresUrl();
  const name = `aq_bench_${randomBytes(4).toString("hex")}`;
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

/** The widget's one request as a returning browser sends it: a verified order, its offer chosen. */
function claims(fixture: Fixture, origin: string) {
  let n = 0;
  return () => {
    const buyer = fixture.claimed[n++ % fixture.claimed.length] as Claimable;
    return {
      method: "POST" as const,
      path: "/v1/sessions",
      headers: { "content-type": "application/json", origin },
      body: JSON.stringify({ site: fixture.siteId, order: buyer.order, secret: buyer.session.secret }),
    };
  };
}

/** Each request accepts the open offer of a buyer that has not decided yet: every one is a real write. */
function decisions(fixture: Fixture, origin: string, buyers: Claimable[]) {
  let n = 0;
  return () => {
    const buyer = buyers[n++ % buyers.length] as Claimable;
    return {
      method: "POST" as const,
      path: `/v1/sessions/${buyer.session.id}/decisions`,
      headers: {
        "content-type": "application/json",
        origin,
        authorization: `Bearer ${buyer.session.secret}`,
        "idempotency-key": `bench-${buyer.session.id}`,
      },
      body: JSON.stringify({ offer: fixture.offerId, action: "accept" }),
    };
  };
}

async function engine(name: "sqlite" | "postgres", origin: string) {
  const database =
    name === "sqlite"
      ? (() => {
          const path = join(tmpdir(), `aq-bench-${process.pid}.db`);
          return {
            url: `sqlite:${path}`,
            drop: async () => {
              for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
            },
          };
        })()
      : await postgresDatabase();
  process.stdout.write(`  ${name}: seeding…`);
  const fixture = await seed(
    database.url,
    { claimed: 50 + DECISIONS, fresh: name === "sqlite" ? PAINT_LOADS : 0 },
    origin,
  );
  const resuming = { ...fixture, claimed: fixture.claimed.slice(0, 50) };
  const deciding = fixture.claimed.slice(50);
  const server = await aquarium(database.url);
  process.stdout.write(" claims…");
  const claim = await load(server.url, claims(resuming, origin));
  process.stdout.write(" decisions…");
  const decide = await load(server.url, decisions(fixture, origin, deciding), { amount: DECISIONS });
  const rss = server.rss();
  let scaling: { one: LoadResult; two: LoadResult } | undefined;
  if (name === "postgres") {
    process.stdout.write(" two processes…");
    const second = await aquarium(database.url);
    const two = await loadMany([
      { url: server.url, next: claims(resuming, origin) },
      { url: second.url, next: claims(resuming, origin) },
    ]);
    await second.stop();
    scaling = { one: claim, two };
  }
  process.stdout.write(" done\n");
  return { fixture, server, database, claim, decide, rss, scaling };
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const row = (cells: string[], widths: number[]) =>
  cells.map((cell, i) => cell.padEnd(widths[i] ?? 10)).join("  ");

async function main() {
  const started = performance.now();
  console.log(
    "Aquarium bench: 50 connections for 10 s on 127.0.0.1; the load generator shares the 2 cores.\n",
  );
  const size = await widgetSize();

  const host = await hostPage();
  process.stdout.write("  bare node:http…");
  const baseline = await bare();
  const bareLoad = await load(baseline.url, () => ({ method: "GET", path: "/", headers: {}, body: "" }));
  const bareRss = baseline.rss();
  await baseline.stop();
  process.stdout.write(" done\n");

  const sqlite = await engine("sqlite", host.origin);
  process.stdout.write("  Chromium: 30 loads with the widget, 30 without…");
  const bundle = loadBundle();
  if (!bundle) throw new Error("build the widget first: npm run build");
  host.page("");
  const paint: PaintResult = await measurePaint(
    host,
    snippet(bundle, sqlite.server.url, sqlite.fixture.siteId),
    sqlite.fixture.fresh.map((order) => ({ id: order.id, key: order.key })),
  );
  process.stdout.write(" done\n");
  await sqlite.server.stop();
  await sqlite.database.drop();
  const postgres = await engine("postgres", host.origin);
  await postgres.server.stop();
  await postgres.database.drop();
  await host.close();

  const results = {
    at: new Date().toISOString(),
    widget: size,
    paint: {
      render: median(paint.runs.map((r) => r.render)),
      paint: median(paint.runs.map((r) => r.paint)),
      paintSpread: spread(paint.runs.map((r) => r.paint)),
      requests: Math.max(...paint.runs.map((r) => r.requests)),
      loadWith: median(paint.runs.map((r) => r.load)),
      loadWithout: median(paint.bare.map((r) => r.load)),
      clsWith: median(paint.runs.map((r) => r.cls)),
      clsWithout: median(paint.bare.map((r) => r.cls)),
      loads: paint.runs.length,
    },
    server: {
      bare: { ...bareLoad, rss: bareRss },
      sqlite: { claims: sqlite.claim, decisions: sqlite.decide, rss: sqlite.rss },
      postgres: { claims: postgres.claim, decisions: postgres.decide, rss: postgres.rss },
      scaling: postgres.scaling,
    },
    seconds: (performance.now() - started) / 1000,
  };
  writeFileSync(resolve(import.meta.dirname, "results.json"), `${JSON.stringify(results, null, 2)}\n`);

  const widths = [44, 12, 12, 12, 12];
  console.log(`\nWidget bundle (dist/widget/aquarium.js)`);
  console.log(`  raw ${fmt(size.raw)} B   gzip ${fmt(size.gzip)} B   brotli ${fmt(size.brotli)} B`);
  for (const part of size.parts)
    console.log(
      `    ${part.name.padEnd(34)} ${fmt(part.share * 100, 1).padStart(5)} %   ≈ ${fmt(part.gzip)} B gzip`,
    );

  const p = results.paint;
  console.log(`\nWidget in Chromium (median of ${p.loads} fresh loads; p10–p90 in brackets)`);
  console.log(`  answer → panel in the DOM          ${fmt(p.render, 1)} ms`);
  console.log(
    `  answer → panel painted             ${fmt(p.paint, 1)} ms  [${fmt(p.paintSpread.p10, 1)}–${fmt(p.paintSpread.p90, 1)}]`,
  );
  console.log(`  requests before the offer paints   ${p.requests}`);
  console.log(`  page load without / with widget    ${fmt(p.loadWithout, 1)} ms / ${fmt(p.loadWith, 1)} ms`);
  console.log(`  CLS without / with widget          ${fmt(p.clsWithout, 4)} / ${fmt(p.clsWith, 4)}`);

  console.log(`\nServer under load`);
  console.log(row(["", "req/s", "× bare", "p50 ms", "p99 ms"], widths));
  const line = (name: string, r: LoadResult) =>
    console.log(
      row(
        [`  ${name}`, fmt(r.rps), `${fmt(r.rps / bareLoad.rps, 2)}×`, fmt(r.p50, 1), fmt(r.p99, 1)],
        widths,
      ),
    );
  line("bare node:http, small JSON (baseline)", bareLoad);
  line("POST /v1/sessions, SQLite", sqlite.claim);
  line("POST …/decisions, SQLite", sqlite.decide);
  line("POST /v1/sessions, PostgreSQL", postgres.claim);
  line("POST …/decisions, PostgreSQL", postgres.decide);
  if (postgres.scaling) line("POST /v1/sessions, PostgreSQL, 2 processes", postgres.scaling.two);
  console.log(
    `  (decisions: ${DECISIONS} buyers each accept their open offer, a write each, then the run ends)`,
  );
  console.log(
    `  resident memory after the load: SQLite ${fmt(sqlite.rss)} MB, PostgreSQL ${fmt(postgres.rss)} MB, bare ${fmt(bareRss)} MB`,
  );
  if (postgres.scaling)
    console.log(
      `  scaling, 2 processes vs 1 on one PostgreSQL: ${fmt(postgres.scaling.two.rps / postgres.scaling.one.rps, 2)}×`,
    );
  const failures = [sqlite.claim, sqlite.decide, postgres.claim, postgres.decide].filter(
    (r) => (r.statuses["5xx"] ?? 0) > 0 || r.statuses["2xx"] !== r.requests,
  );
  if (failures.length)
    console.log(`  ! some answers were not 2xx: ${JSON.stringify(failures.map((r) => r.statuses))}`);

  const best = sqlite.claim;
  const ratio = best.rps / bareLoad.rps;
  const budget = (name: string, value: string, ok: boolean, stretch: boolean) =>
    console.log(
      `  ${ok ? "within" : "OVER  "}  ${name}: ${value}${ok && stretch ? " (stretch met too)" : ""}`,
    );
  console.log("\nBudgets (DESIGN.md)");
  budget(
    "widget gzip ≤ 20 KB (stretch 15 KB)",
    `${fmt(size.gzip / 1024, 1)} KB`,
    size.gzip <= 20 * 1024,
    size.gzip <= 15 * 1024,
  );
  budget("requests before the offer is painted = 1", String(p.requests), p.requests === 1, p.requests === 1);
  budget("widget time to paint ≤ 16 ms (stretch 8)", `${fmt(p.paint, 1)} ms`, p.paint <= 16, p.paint <= 8);
  budget(
    "POST /v1/sessions ≥ 0.35× bare (stretch 0.5×), SQLite",
    `${fmt(ratio, 2)}×`,
    ratio >= 0.35,
    ratio >= 0.5,
  );
  budget(
    "p99 of POST /v1/sessions at 50 connections ≤ 20 ms (stretch 10), SQLite",
    `${fmt(best.p99, 1)} ms`,
    best.p99 <= 20,
    best.p99 <= 10,
  );
  console.log(`\nresults: test/bench/results.json   (${fmt(results.seconds, 0)} s)`);
}

await main();
