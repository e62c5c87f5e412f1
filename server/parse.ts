import * as z from "zod/mini";
import { describeFields, fieldsOf, plainWords } from "./contract/index.ts";
import { AppError } from "./errors.ts";

// zod/mini ships without messages so that the widget stays small; the server says what is wrong in plain words.
z.config({ ...z.locales.en(), customError: plainWords });

/** Parses a value with a contract schema, refusing it (`invalid_request`) with each field that is wrong and why. */
export function validate<T extends z.ZodMiniType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const fields = fieldsOf(parsed.error);
    throw new AppError("invalid_request", describeFields(fields), { fields });
  }
  return parsed.data;
}

/** JSON text to a value, refused (`invalid_json`) when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "The request body is not valid JSON.");
  }
}
