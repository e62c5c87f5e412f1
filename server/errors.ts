import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Every error Aquarium answers with, and the one place its HTTP status is decided. */
const STATUS = {
  invalid_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  invalid_signature: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  already_decided: 409,
  /** The seller deactivated or deleted the offer (or its product) after it was shown. */
  offer_withdrawn: 409,
  /** The order was refunded, cancelled or failed after it was claimed: its offers have ended. */
  order_not_paid: 409,
  idempotency_key_reused: 422,
  offer_expired: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: ContentfulStatusCode;
  readonly headers: Record<string, string>;
  /** Fields answered beside the envelope, e.g. the existing decision with `already_decided`. */
  readonly details: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    headers: Record<string, string> = {},
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = STATUS[code];
    this.headers = headers;
    this.details = details;
  }

  get body(): { error: { code: ErrorCode; message: string } } & Record<string, unknown> {
    return { ...this.details, error: { code: this.code, message: this.message } };
  }
}
