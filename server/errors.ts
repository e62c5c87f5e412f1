import type { ErrorCode } from "./contract/error.ts";

export type { ErrorCode };

/**
 * The one error type of the domain: a code from the contract and a message in words a seller (or a buyer's
 * page) can act on. It knows nothing of HTTP: `http/errors.ts` alone turns it into a status and an envelope.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  /** The fields that are wrong, each with what is wrong with it (`{ "quantity": "must be 2 or less" }`). */
  readonly fields: Record<string, string> | undefined;
  /** When trying again may work (busy, rate-limited), how long to wait. */
  readonly retryAfterSeconds: number | undefined;
  /** Data answered beside the envelope, e.g. the existing decision with `already_decided`. */
  readonly details: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    extra: {
      fields?: Record<string, string>;
      retryAfterSeconds?: number;
      details?: Record<string, unknown>;
    } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fields = extra.fields;
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.details = extra.details ?? {};
  }
}
