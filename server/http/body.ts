import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type * as z from "zod/mini";
import { AppError } from "../errors.ts";
import { parseJson, validate } from "../parse.ts";

/** Refuses bodies over `bytes` before reading them whole. */
export const limitBody = (bytes: number): MiddlewareHandler =>
  bodyLimit({
    maxSize: bytes,
    onError: () => {
      throw new AppError("payload_too_large", `The request body is larger than ${bytes} bytes.`);
    },
  });

/** Reads a JSON request body and validates it: every route's first step. */
export async function readJson<T extends z.ZodMiniType>(c: Context, schema: T): Promise<z.output<T>> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as application/json.");
  }
  return validate(schema, parseJson(await c.req.text()));
}
