import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import * as z from "zod/mini";
import { AppError } from "../errors.ts";

// zod/mini ships without messages so that the widget stays small; the server wants readable ones.
z.config(z.locales.en());

/** Refuses bodies over `bytes` before reading them whole. */
export const limitBody = (bytes: number): MiddlewareHandler =>
  bodyLimit({
    maxSize: bytes,
    onError: () => {
      throw new AppError("payload_too_large", `The request body is larger than ${bytes} bytes.`);
    },
  });

/** Names every problem in one message: `lines.0.quantity: Too small: expected number to be >0`. */
export function describeIssues(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}

/** Parses a value with a contract schema, answering 400 with what is wrong. */
export function validate<T extends z.ZodMiniType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError("invalid_request", describeIssues(parsed.error));
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
