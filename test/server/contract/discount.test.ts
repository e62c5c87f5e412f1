import { describe, expect, test } from "vitest";
import { Discount } from "../../../server/contract/index.ts";
import { validate } from "../../../server/parse.ts";

describe("discount terms", () => {
  test.each([0, 10, 12.5, 12.25, 33.33, 99.99])("%f % off is accepted", (value) => {
    expect(Discount.parse({ type: "percent", value })).toEqual({ type: "percent", value });
  });

  test.each([
    [100, "must be less than 100: 100 % off would give the product away"],
    [150, "must be less than 100"],
    [-5, "must be 0 or more"],
    [12.345, "may have at most two decimals, like 12.5"],
  ])("%f % off is refused: %s", (value, words) => {
    expect(() => validate(Discount, { type: "percent", value })).toThrow(words);
  });

  test("a fixed amount off is whole minor units", () => {
    expect(Discount.parse({ type: "fixed", value: 250 })).toEqual({ type: "fixed", value: 250 });
    expect(() => validate(Discount, { type: "fixed", value: 2.5 })).toThrow("must be a whole number");
  });
});
