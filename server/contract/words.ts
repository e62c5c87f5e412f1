import type * as z from "zod/mini";

/*
 * What is wrong with a value, in words a seller understands ("must not be empty", not "Too small: expected
 * string to have >=1 characters"). The server words its refusals with these and the admin its forms, so a
 * field says the same thing before and after it is sent. Schemas with a message of their own keep it.
 */

const NOUNS: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
};

function size(origin: string, count: number | bigint): string {
  const n = Number(count);
  if (origin === "string") return `${n} character${n === 1 ? "" : "s"}`;
  if (origin === "array" || origin === "set") return `${n} entr${n === 1 ? "y" : "ies"}`;
  return String(n);
}

/** zod's `customError`: the issue in plain words, or undefined to keep zod's own. */
export function plainWords(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      return `must be ${NOUNS[issue.expected] ?? issue.expected}`;
    case "too_small": {
      const { origin, minimum, inclusive } = issue;
      if (origin === "string" && Number(minimum) === 1) return "must not be empty";
      if (origin === "array" && Number(minimum) === 1) return "must have at least one entry";
      if (origin === "number" || origin === "int" || origin === "bigint") {
        return Number(minimum) === 0 && !inclusive
          ? "must be more than 0"
          : `must be ${minimum}${inclusive ? " or more" : " or more, exclusive"}`;
      }
      return `must have at least ${size(origin, minimum)}`;
    }
    case "too_big": {
      const { origin, maximum } = issue;
      if (origin === "number" || origin === "int" || origin === "bigint") return `must be ${maximum} or less`;
      return `must have at most ${size(origin, maximum)}`;
    }
    case "invalid_format":
      if (issue.format === "url") return "must be a web address, like https://shop.example/picture.jpg";
      if (issue.format === "email") return "must be an email address";
      if (issue.format === "date") return "must be a date, YYYY-MM-DD";
      if (issue.format === "datetime") return "must be a date and time, like 2026-11-29T12:00:00Z";
      return "is not in the expected format";
    case "invalid_value":
      return `must be one of: ${issue.values.map((value) => String(value)).join(", ")}`;
    case "unrecognized_keys":
      return `${issue.keys.length === 1 ? "is not a field" : "are not fields"} Aquarium knows: ${issue.keys.join(", ")}`;
    case "invalid_union":
      return "is not any of the accepted shapes";
    case "not_multiple_of":
      return `must be a multiple of ${issue.divisor}`;
    default:
      return undefined;
  }
}

/**
 * A failed parse as `{ path: message }`, the first problem of each field. Unknown fields are named one by
 * one (`{ "price": "is not a field Aquarium knows" }`), since a seller fixes them one by one.
 */
export function fieldsOf(error: z.core.$ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const at = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) fields[[...at, key].join(".")] ??= "is not a field Aquarium knows";
      continue;
    }
    fields[at.join(".") || "body"] ??= issue.message;
  }
  return fields;
}

/** The fields as one sentence, for the envelope's message: `quantity: must be 2 or less; name: is required`. */
export function describeFields(fields: Record<string, string>): string {
  return Object.entries(fields)
    .slice(0, 10)
    .map(([path, message]) => (path === "body" ? message : `${path}: ${message}`))
    .join("; ");
}
