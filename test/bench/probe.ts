/**
 * Loaded (`node --import`) into every process the bench measures, and only there: the server's code knows
 * nothing of it. Over the IPC channel the bench opens, each message is answered with the process's own
 * counters: CPU time (all its threads: the event loop, the garbage collector's helpers, libuv's pool) and
 * memory. Reading them costs the process one message, so they can be read before and after a load, or
 * every second of a soak.
 */
export interface Sample {
  /** When it was read: the monotonic clock, µs (the clock of V8's CPU profiles, so they can be cut to a run). */
  at: number;
  /** CPU time used since the process started, µs (user + system), and the system's part of it. */
  cpu: number;
  system: number;
  /** Resident memory, MB. */
  rss: number;
  /** V8's heap in use and reserved, MB. */
  heapUsed: number;
  heapTotal: number;
  /** Memory held outside V8's heap by JavaScript objects (buffers), MB. */
  external: number;
}

const MB = 1024 * 1024;

if (process.send) {
  process.on("message", () => {
    const { user, system } = process.cpuUsage();
    const memory = process.memoryUsage();
    const sample: Sample = {
      at: Number(process.hrtime.bigint() / 1000n),
      cpu: user + system,
      system,
      rss: memory.rss / MB,
      heapUsed: memory.heapUsed / MB,
      heapTotal: memory.heapTotal / MB,
      external: memory.external / MB,
    };
    process.send?.(sample);
  });
  // The channel must not keep a stopping server alive (after the listener, which would ref it again).
  process.channel?.unref();
}
