import type { Plugin } from "vite";
import * as z from "zod/mini";
import { SessionSecret } from "../../server/contract/ids.ts";
import { WidgetConfig } from "../../server/contract/snippet.ts";
import {
  ReceiptLine,
  WidgetDecisionResponse,
  WidgetError,
  WidgetSessionResponse,
} from "../../server/contract/widget.ts";
import type { Schema } from "../check.ts";

/*
 * Build time only: the contract's zod schemas the widget checks what it reads against, turned into JSON
 * Schema when the widget is built and handed to it as the module "virtual:aquarium-wire". The contract stays
 * the one source of each shape; the buyer's browser gets the schemas as data and a small checker
 * (widget/check.ts) instead of zod, which was 8 KB of the widget's 20.
 */

/** What the widget reads: the server's answers, its error envelope, a stored secret, and its own config. */
export const WIRE = {
  session: WidgetSessionResponse,
  decision: WidgetDecisionResponse,
  error: WidgetError,
  receiptLine: ReceiptLine,
  secret: SessionSecret,
  config: WidgetConfig,
};
export type Wire = Record<keyof typeof WIRE, Schema>;

export const WIRE_MODULE = "virtual:aquarium-wire";

/** The keywords widget/check.ts knows; "$schema" and "description" say nothing about a value. */
const KNOWN = new Set(["$schema", "description", "type", "properties", "required", "additionalProperties"]);
for (const keyword of [
  "items",
  "anyOf",
  "enum",
  "const",
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
])
  KNOWN.add(keyword);

/** Refuses a schema that uses a keyword the checker would ignore, so no rule of the contract is ever skipped. */
function known(schema: unknown, where: string): void {
  if (typeof schema !== "object" || schema === null) return;
  for (const [keyword, value] of Object.entries(schema)) {
    if (!KNOWN.has(keyword)) throw new Error(`${where}: the widget's checker does not know "${keyword}"`);
    if (keyword === "properties")
      for (const [key, field] of Object.entries(value)) known(field, `${where}.${key}`);
    else if (keyword === "items") known(value, `${where}[]`);
    else if (keyword === "anyOf") for (const option of value as unknown[]) known(option, where);
    else if (keyword === "additionalProperties" && value !== false)
      throw new Error(`${where}: only a strict object`);
  }
}

/** The widget's schemas as JSON Schema, checked to use only what the checker knows. */
export function wireSchemas<Name extends string = keyof Wire>(
  wire: Record<Name, z.ZodMiniType> = WIRE as Record<Name, z.ZodMiniType>,
): Record<Name, Schema> {
  const schemas = {} as Record<Name, Schema>;
  for (const [name, schema] of Object.entries(wire) as [Name, z.ZodMiniType][]) {
    // Input and output are the same shape for the schemas the widget reads (no transforms, no defaults):
    // the output's JSON Schema, which zod refuses to write for a transform, is made only to prove it.
    z.toJSONSchema(schema, { io: "output" });
    const json = z.toJSONSchema(schema, { io: "input" }) as Schema & { $schema?: string };
    delete json.$schema;
    known(json, name);
    schemas[name] = json;
  }
  return schemas;
}

/** The Vite plugin that serves `wireSchemas()` as "virtual:aquarium-wire" to the widget's build and tests. */
export function wire(): Plugin {
  const id = `\0${WIRE_MODULE}`;
  return {
    name: "aquarium-wire",
    resolveId: (source) => (source === WIRE_MODULE ? id : undefined),
    load: (loaded) => (loaded === id ? `export default ${JSON.stringify(wireSchemas())};` : undefined),
  };
}
