import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import * as z from "zod/mini";
import { describeFields, fieldsOf, plainWords } from "../contract/index.ts";
import { AppError } from "../errors.ts";

// zod/mini ships without messages so that the widget stays small; the server says what is wrong in plain words.
z.config({ ...z.locales.en(), customError: plainWords });

/** Refuses bodies over `bytes` before reading them whole. */
export const limitBody = (bytes: number): MiddlewareHandler =>
  bodyLimit({
    maxSize: bytes,
    onError: () => {
      throw new AppError("payload_too_large", `The request body is larger than ${bytes} bytes.`);
    },
  });

/** Parses a value with a contract schema, answering 400 with each field that is wrong and why. */
export function validate<T extends z.ZodMiniType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const fields = fieldsOf(parsed.error);
    throw new AppError("invalid_request", describeFields(fields), { fields });
  }
  return parsed.data;
}

/** JSON text to a value, answering 400 when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "The request body is not valid JSON.");
  }
}

/** Reads a JSON request body and validates it: every route's first step. */
export async function readJson<T extends z.ZodMiniType>(c: Context, schema: T): Promise<z.output<T>> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as application/json.");
  }
  return validate(schema, parseJson(await c.req.text()));
}
