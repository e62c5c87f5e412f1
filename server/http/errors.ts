import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError } from "../errors.ts";
import type { Logger } from "../log.ts";

function answer(c: Context, error: AppError): Response {
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  return c.json(error.body, error.status);
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
