import { load, type Request } from "./load.ts";
import type { Sample } from "./probe.ts";
import type { Process } from "./servers.ts";

export interface Soak {
  /** The server just started, before any load. */
  idle: Sample;
  /** Sampled every second of the soak. */
  samples: Sample[];
  /** The highest of the samples, each counter on its own. */
  peak: Pick<Sample, "rss" | "heapUsed" | "heapTotal" | "external">;
  rps: number;
  p99: number;
}

/** Claims at 50 connections for `seconds`, the server's memory read every second while they run. */
export async function soak(
  server: Process,
  idle: Sample,
  next: () => Request,
  seconds: number,
): Promise<Soak> {
  const samples: Sample[] = [];
  let running = true;
  const sampling = (async () => {
    while (running) {
      await new Promise((done) => setTimeout(done, 1_000));
      if (running) samples.push(await server.sample());
    }
  })();
  const result = await load([{ url: server.url, next, process: server }], { seconds });
  running = false;
  await sampling;
  const peakOf = (pick: (s: Sample) => number) => Math.max(...samples.map(pick));
  return {
    idle,
    samples,
    peak: {
      rss: peakOf((s) => s.rss),
      heapUsed: peakOf((s) => s.heapUsed),
      heapTotal: peakOf((s) => s.heapTotal),
      external: peakOf((s) => s.external),
    },
    rps: result.rps,
    p99: result.p99,
  };
}
