import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorEnvelope } from "../contract/index.ts";
import { AppError, type ErrorCode } from "../errors.ts";
import type { Logger } from "../log.ts";

/** The one place an error code is given its HTTP status. */
export const STATUS = {
  invalid_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  invalid_signature: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  already_decided: 409,
  offer_withdrawn: 409,
  order_not_paid: 409,
  offer_expired: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const satisfies Record<ErrorCode, ContentfulStatusCode>;

/** The envelope of an error, with whatever it carries beside it. */
export function envelope(error: AppError): ErrorEnvelope & Record<string, unknown> {
  return {
    ...error.details,
    error: { code: error.code, message: error.message, ...(error.fields && { fields: error.fields }) },
  };
}

function answer(c: Context, error: AppError): Response {
  if (error.retryAfterSeconds !== undefined) c.header("Retry-After", String(error.retryAfterSeconds));
  if (error.code === "unauthorized") c.header("WWW-Authenticate", 'Bearer realm="aquarium-admin"');
  return c.json(envelope(error), STATUS[error.code]);
}

/** The one place an error becomes an HTTP answer: the envelope, never a stack trace. */
export function errorHandler(logger: Logger): ErrorHandler {
  return (error, c) => {
    if (error instanceof AppError) return answer(c, error);
    if (error instanceof HTTPException && error.status === 413) {
      return answer(c, new AppError("payload_too_large", "The request body is too large."));
    }
    if (error instanceof HTTPException && error.status < 500) {
      return answer(c, new AppError("invalid_request", error.message || "The request is not valid."));
    }
    logger.error({ err: error, method: c.req.method, path: c.req.path }, "unhandled error");
    return answer(
      c,
      new AppError("internal", "Something went wrong on our side; nothing was changed by this request."),
    );
  };
}

export const notFound: NotFoundHandler = (c) => answer(c, new AppError("not_found", "Nothing here."));
