import { describe, expect, test } from "vitest";
import type * as z from "zod/mini";
import { WIRE, wireSchemas } from "../../widget/build/wire.ts";
import { Problem, read } from "../../widget/check.ts";

/*
 * The widget reads the contract's shapes with a small checker of their JSON Schema instead of zod. These
 * tests hold the two to the same verdict, and the same value read, on real-shaped answers and on every
 * mutation of them a broken or hostile server could send: each field dropped, retyped, pushed out of range,
 * and keys added.
 */

const decision = {
  id: "dec_4kTq9ZxW2mLp",
  offer: "offer_tank0001",
  title: "The tank",
  action: "accept",
  status: "accepted",
  quantity: 2,
  amount: 13350,
  currency: "USD",
  payment: {
    provider: "stripe",
    status: "requires_action",
    actionUrl: "https://offers.example/v1/payments/dec_4kTq9ZxW2mLp/confirm?sig=abc",
    qrSvg: "<svg/>",
    refunded: 100,
  },
};
const offer = {
  id: "offer_tank0001",
  title: "The tank",
  description: "Twenty litres",
  image: "https://fish.example/tank.png",
  product: "prod_tank0001",
  regularPrice: 8900,
  price: 6675,
  currency: "USD",
  quantityMax: 2,
  expiresAt: "2026-11-22T12:30:00.000Z",
  step: 1,
  discount: { kind: "percent", value: 25 },
};
const SAMPLES: Record<keyof typeof WIRE, unknown[]> = {
  session: [
    {
      session: { id: "sess_4kTq9ZxW2mLp", expiresAt: "2026-11-22T12:30:00.000Z" },
      offer,
      receipt: [decision],
      appearance: { theme: "dark", accent: "#0b6e4f", radius: 12, font: "serif", locale: "de" },
    },
    { session: { id: "sess_4kTq9ZxW2mLp", expiresAt: "2026-11-22T12:30:00.000Z" }, offer: null },
  ],
  decision: [
    { decision, next: offer },
    { decision: { ...decision, action: "decline", status: "declined", payment: undefined }, next: null },
  ],
  error: [{ error: { code: "offer_expired", message: "This offer has expired." } }],
  receiptLine: [decision],
  secret: ["Xg5bFq2LmZ8fKq2LmZ8fKq2LmZ8fKq2LmZ8fKq2LmZ8"],
  config: [
    {
      site: "site_8fKq2LmZ",
      locale: "pt-BR",
      theme: "auto",
      orderToken: "eyJhbGciOiJIUzI1NiJ9.e30.sig",
      orderParam: "order_id",
      target: "#offers",
      retryDelays: "1,2,3.5",
      retryFor: 120,
    },
    { site: "site_8fKq2LmZ" },
  ],
};

/** Values a field is replaced with: every JSON type, edges of ranges and lengths, and what JSON cannot hold. */
const REPLACEMENTS: unknown[] = [
  undefined,
  null,
  0,
  -1,
  1.5,
  3,
  2 ** 53,
  100_000_000_001,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  "",
  "x",
  "USD",
  "usd",
  "#0b6e4f",
  "#0B6E4F",
  "paid",
  "accept",
  "site_",
  "offer_tank0001",
  "x".repeat(8193),
  "_".repeat(43),
  true,
  [],
  [1],
  {},
  { constructor: 1 },
];

type Path = (string | number)[];

/** Every path into a value: each object key and array index, at any depth. */
function pathsOf(value: unknown, path: Path = []): Path[] {
  if (typeof value !== "object" || value === null) return [path];
  const children = Object.entries(value).flatMap(([key, child]) =>
    pathsOf(child, [...path, Array.isArray(value) ? Number(key) : key]),
  );
  return [path, ...children];
}

function replaced(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  const [head, ...rest] = path as [string | number, ...Path];
  copy[head] = replaced(copy[head], rest, replacement);
  if (replacement === undefined && rest.length === 0 && !Array.isArray(copy)) delete copy[head];
  return copy;
}

function variantsOf(sample: unknown): unknown[] {
  const variants = [sample];
  for (const path of pathsOf(sample)) {
    for (const replacement of REPLACEMENTS) variants.push(replaced(sample, path, replacement));
    const here = path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], sample);
    if (typeof here === "object" && here !== null && !Array.isArray(here)) {
      variants.push(replaced(sample, path, { ...here, surplus: 1 }));
    }
  }
  return variants;
}

describe("the widget's checker reads what zod reads, and refuses what zod refuses", () => {
  const schemas = wireSchemas();
  for (const name of Object.keys(WIRE) as (keyof typeof WIRE)[]) {
    test(`${name}: every sample and every mutation of it gets zod's verdict and zod's value`, () => {
      let refused = 0;
      let accepted = 0;
      for (const variant of SAMPLES[name].flatMap(variantsOf)) {
        const byZod = (WIRE[name] as z.ZodMiniType).safeParse(variant);
        const byChecker = read(schemas[name], variant);
        expect({ variant, refused: byChecker instanceof Problem }).toEqual({
          variant,
          refused: !byZod.success,
        });
        if (byZod.success) {
          expect(byChecker).toEqual(byZod.data);
          accepted++;
        } else refused++;
      }
      // The mutations reach both sides of the line.
      expect(accepted).toBeGreaterThan(SAMPLES[name].length);
      expect(refused).toBeGreaterThan(10);
    });
  }

  test("a strict object names the keys it does not know, and a broken field its path", () => {
    expect(read(schemas.config, { site: "site_8fKq2LmZ", colour: "red" })).toEqual(
      new Problem([], ["colour"]),
    );
    expect(read(schemas.session, { session: { id: "nope", expiresAt: "" }, offer: null })).toEqual(
      new Problem(["session", "id"]),
    );
    expect(read(schemas.session, { offer: null })).toEqual(new Problem(["session"]));
  });

  test("keys a strict object's prototype has are still unknown keys", () => {
    expect(read(schemas.config, JSON.parse('{"site":"site_8fKq2LmZ","toString":1}'))).toEqual(
      new Problem([], ["toString"]),
    );
  });
});
