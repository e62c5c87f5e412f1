import autocannon from "autocannon";

export interface LoadResult {
  /** Requests per second, mean over the run. */
  rps: number;
  p50: number;
  p99: number;
  /** Answers by status class. */
  statuses: Record<string, number>;
  requests: number;
}

export const CONNECTIONS = 50;
export const SECONDS = 10;

type Request = { method: "POST" | "GET"; path: string; headers: Record<string, string>; body: string };

/**
 * `connections` connections for `seconds` (or until `amount` requests, when each request uses up a
 * prepared buyer) against `url`; `next()` makes each request, so every request may be a different buyer.
 */
export async function load(
  url: string,
  next: () => Request,
  {
    connections = CONNECTIONS,
    seconds = SECONDS,
    amount,
  }: { connections?: number; seconds?: number; amount?: number } = {},
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections,
    ...(amount ? { amount } : { duration: seconds }),
    requests: [{ setupRequest: (request) => ({ ...request, ...next() }) }],
  });
  return {
    rps: result.requests.average,
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
  };
}

/** Several loads at once (one per server process), added up. */
export async function loadMany(targets: { url: string; next: () => Request }[]): Promise<LoadResult> {
  const results = await Promise.all(
    targets.map((target) =>
      load(target.url, target.next, { connections: Math.round(CONNECTIONS / targets.length) }),
    ),
  );
  const sum = (pick: (r: LoadResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  return {
    rps: sum((r) => r.rps),
    p50: Math.max(...results.map((r) => r.p50)),
    p99: Math.max(...results.map((r) => r.p99)),
    statuses: {
      "2xx": sum((r) => r.statuses["2xx"] ?? 0),
      "4xx": sum((r) => r.statuses["4xx"] ?? 0),
      "5xx": sum((r) => r.statuses["5xx"] ?? 0),
    },
    requests: sum((r) => r.requests),
  };
}
