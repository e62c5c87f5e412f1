import wire from "virtual:aquarium-wire";
import { describe, expect, test } from "vitest";
import * as z from "zod/mini";
import { WIRE, WIRE_MODULE, wire as wirePlugin, wireSchemas } from "../../../widget/build/wire.ts";

describe("the contract's schemas, handed to the widget as JSON Schema", () => {
  test("every shape the widget reads is there, derived from the contract's zod schema", () => {
    expect(Object.keys(wire).sort()).toEqual(Object.keys(WIRE).sort());
    expect(wire.session).toEqual(wireSchemas().session);
    expect(wire.secret).toEqual({ type: "string", pattern: "^[A-Za-z0-9_-]{43}$" });
  });

  test("the Vite plugin serves them as the module the widget imports", async () => {
    const plugin = wirePlugin();
    const resolve = plugin.resolveId as (source: string) => string | undefined;
    const load = plugin.load as (id: string) => string | undefined;
    const id = resolve(WIRE_MODULE);
    expect(id).toBeDefined();
    expect(resolve("./elsewhere.ts")).toBeUndefined();
    const code = load(id as string) as string;
    expect(JSON.parse(code.replace(/^export default /, "").replace(/;$/, ""))).toEqual(wireSchemas());
  });

  test.each([
    ["a URL format", z.object({ link: z.url() })],
    ["a loose object", z.looseObject({ id: z.string() })],
    ["a minimum number of items", z.array(z.string()).check(z.minLength(1))],
  ])("a schema with %s, which the widget's checker would not enforce, stops the build", (_name, schema) => {
    expect(() => wireSchemas({ odd: schema })).toThrow(/odd.*checker|only a strict object|does not know/);
  });

  test("a shape zod cannot write as JSON Schema (a transform) stops the build", () => {
    expect(() =>
      wireSchemas({
        odd: z.pipe(
          z.string(),
          z.transform((text) => text.length),
        ),
      }),
    ).toThrow();
  });
});
