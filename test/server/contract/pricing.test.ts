import { describe, expect, test } from "vitest";
import { discountedPrice } from "../../../server/contract/index.ts";

describe("pricing", () => {
  test.each([
    [10_000, { type: "percent", value: 10 }, 9_000],
    [999, { type: "percent", value: 15 }, 849], // 149.85 off rounds to 150
    [999, { type: "percent", value: 50 }, 499], // 499.5 off rounds half up to 500
    [1, { type: "percent", value: 50 }, 0],
    [500, { type: "percent", value: 0 }, 500],
    [500, { type: "percent", value: 100 }, 0],
    [500, { type: "fixed", value: 200 }, 300],
    [500, { type: "fixed", value: 900 }, 0],
    [0, { type: "fixed", value: 1 }, 0],
  ] as const)("%i minor units with %o cost %i", (regular, discount, expected) => {
    expect(discountedPrice(regular, discount)).toBe(expected);
  });
});
