import autocannon from "autocannon";
import type { Process } from "./servers.ts";

export interface LoadResult {
  /** Requests answered per second over the run. */
  rps: number;
  p50: number;
  p99: number;
  /** Answers by status class. */
  statuses: Record<string, number>;
  requests: number;
  seconds: number;
  /** The measured processes' own CPU time per request answered, µs (their counters over the run). */
  cpu: number;
}

export const CONNECTIONS = 50;
export const SECONDS = 10;

export type Request = {
  method: "POST" | "GET";
  path: string;
  headers: Record<string, string>;
  body: string;
};

type Target = { url: string; next: () => Request };

async function cannon(
  { url, next }: Target,
  connections: number,
  seconds: number,
): Promise<Omit<LoadResult, "cpu">> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, ...next() }) }],
  });
  return {
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statuses: {
      "2xx": result["2xx"],
      "4xx": result["4xx"],
      "5xx": result["5xx"],
      errors: result.errors,
      timeouts: result.timeouts,
    },
    requests: result.requests.total,
    seconds: result.duration,
  };
}

/**
 * `connections` connections for `seconds` (after `warmup` seconds of the same), shared out evenly over one or more server processes (each its own
 * `next()`, so every request may be a different buyer), added up; each process's CPU counters are read
 * before and after, so `cpu` is what the servers themselves spent per request, whatever the load generator
 * beside them took.
 */
export async function load(
  targets: (Target & { process: Process })[],
  {
    connections = CONNECTIONS,
    seconds = SECONDS,
    warmup = 0,
  }: { connections?: number; seconds?: number; warmup?: number } = {},
): Promise<LoadResult> {
  // A server just started runs its code cold (not yet compiled by V8's optimising tiers): the same load first,
  // unmeasured, so the figures are the steady state's.
  if (warmup > 0)
    await Promise.all(
      targets.map((target) => cannon(target, Math.round(connections / targets.length), warmup)),
    );
  const before = await Promise.all(targets.map((target) => target.process.sample()));
  const results = await Promise.all(
    targets.map((target) => cannon(target, Math.round(connections / targets.length), seconds)),
  );
  const after = await Promise.all(targets.map((target) => target.process.sample()));
  const sum = (pick: (r: Omit<LoadResult, "cpu">) => number) =>
    results.reduce((total, r) => total + pick(r), 0);
  const requests = sum((r) => r.requests);
  const cpu = after.reduce((total, sample, i) => total + sample.cpu - (before[i]?.cpu ?? 0), 0);
  return {
    rps: sum((r) => r.rps),
    p50: Math.max(...results.map((r) => r.p50)),
    p99: Math.max(...results.map((r) => r.p99)),
    statuses: Object.fromEntries(
      ["2xx", "4xx", "5xx", "errors", "timeouts"].map((kind) => [kind, sum((r) => r.statuses[kind] ?? 0)]),
    ),
    requests,
    seconds: Math.max(...results.map((r) => r.seconds)),
    cpu: requests ? cpu / requests : 0,
  };
}
