/**
 * A JSON Schema as `z.toJSONSchema` writes the contract's schemas the widget reads (widget/build/wire.ts): the
 * keywords they use, and no others (the build refuses a schema with any other, so none is ever ignored).
 */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

/** Where a value breaks its schema: the path to the first field that does, and any keys it does not know. */
export class Problem {
  readonly path: (string | number)[];
  readonly unknown: string[] | undefined;
  constructor(path: (string | number)[], unknown?: string[]) {
    this.path = path;
    this.unknown = unknown;
  }
}

function typeOf(value: unknown): string[] {
  if (value === null) return ["null"];
  if (Array.isArray(value)) return ["array"];
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return [];
    return Number.isInteger(value) ? ["integer", "number"] : ["number"];
  }
  return [typeof value];
}

const patterns = new Map<string, RegExp>();
const matches = (pattern: string, text: string) => {
  const regex = patterns.get(pattern) ?? new RegExp(pattern);
  patterns.set(pattern, regex);
  return regex.test(text);
};

/**
 * `value` as `schema` reads it, or the first place where it breaks it: what zod's parse of the same schema
 * would answer, in a few hundred bytes instead of zod's eight thousand (test/widget/check.test.ts holds the
 * two to the same verdicts and values). As zod's objects do, the keys a schema does not name are left out,
 * or refused where it says `additionalProperties: false` (a strict object).
 */
export function read(schema: Schema, value: unknown, path: (string | number)[] = []): unknown {
  const broken = new Problem(path);
  if (schema.anyOf) {
    for (const option of schema.anyOf) {
      const got = read(option, value, path);
      if (!(got instanceof Problem)) return got;
    }
    return broken;
  }
  const types = typeOf(value);
  if (schema.type && ![schema.type].flat().some((type) => types.includes(type))) return broken;
  if ("const" in schema && value !== schema.const) return broken;
  if (schema.enum && !schema.enum.includes(value)) return broken;
  if (typeof value === "string") {
    // Lengths in UTF-16 units, as zod counts them.
    if (value.length < (schema.minLength ?? 0) || value.length > (schema.maxLength ?? Infinity))
      return broken;
    if (schema.pattern !== undefined && !matches(schema.pattern, value)) return broken;
  }
  if (
    typeof value === "number" &&
    (value < (schema.minimum ?? -Infinity) || value > (schema.maximum ?? Infinity))
  ) {
    return broken;
  }
  if (Array.isArray(value) && schema.items) {
    const items: unknown[] = [];
    for (const [index, item] of value.entries()) {
      const got = read(schema.items, item, [...path, index]);
      if (got instanceof Problem) return got;
      items.push(got);
    }
    return items;
  }
  const properties = schema.properties;
  if (types[0] === "object" && properties) {
    const record = value as Record<string, unknown>;
    const fields: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(properties)) {
      if (record[key] === undefined) {
        if (schema.required?.includes(key)) return new Problem([...path, key]);
        continue;
      }
      const got = read(field, record[key], [...path, key]);
      if (got instanceof Problem) return got;
      fields[key] = got;
    }
    const unknown = Object.keys(record).filter((key) => !Object.hasOwn(properties, key));
    if (schema.additionalProperties === false && unknown.length > 0) return new Problem(path, unknown);
    return fields;
  }
  return value;
}

/** A reader of one shape: the value as the contract's schema infers it, or null when it breaks it. */
export const reader =
  <T>(schema: Schema) =>
  (value: unknown): T | null => {
    const got = read(schema, value);
    return got instanceof Problem ? null : (got as T);
  };
