import { type DestinationStream, type Logger, pino } from "pino";

export type { Logger };

/**
 * One JSON line per event. Secrets never reach it: callers log ids and outcomes, and the redaction
 * below is a net for headers that carry credentials, should anyone log a request whole.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: ["*.authorization", "*.cookie", "*.secret", "*.token", "*.email", "*.key"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
