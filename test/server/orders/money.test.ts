import { describe, expect, test } from "vitest";
import { minorDigits, toDecimal, toMinor } from "../../../server/orders/money.ts";
import { refusal as refusalOf } from "../../support/refusal.ts";

const refusal = (run: () => unknown) => refusalOf(run, "the amount");

describe("minorDigits", () => {
  test.each([
    ["USD", 2],
    ["EUR", 2],
    ["JPY", 0],
    ["KWD", 3],
    ["BHD", 3],
  ])("%s has %i minor digits", (currency, digits) => {
    expect(minorDigits(currency)).toBe(digits);
  });

  test("a code that is not a well-formed currency is invalid_request", () => {
    expect(refusal(() => minorDigits("EURO")).code).toBe("invalid_request");
  });
});

describe("toMinor", () => {
  test.each([
    ["29.35", "USD", 2935],
    ["10", "JPY", 10],
    ["1.2345", "KWD", 1235],
    ["1.2344", "KWD", 1234],
    ["0.00", "USD", 0],
    ["0.005", "USD", 1],
    ["0.004", "USD", 0],
    ["9.995", "USD", 1000],
    ["12.5", "JPY", 13],
    ["12.4", "JPY", 12],
    ["6", "USD", 600],
    [" 29.35 ", "USD", 2935],
    ["007.10", "EUR", 710],
    [3, "USD", 300],
    [0.1 + 0.2, "USD", 30],
    [29.35, "USD", 2935],
    [1.005, "USD", 101],
    [0, "EUR", 0],
  ] as const)("%j %s is %i minor units", (amount, currency, minor) => {
    expect(toMinor(amount, currency)).toBe(minor);
  });

  test.each([
    ["abc"],
    ["-1"],
    ["1e5"],
    [""],
    ["1,50"],
    ["1.2.3"],
    [".5"],
    ["5."],
    ["+5"],
    [-1],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [1e21],
  ] as const)("%j is refused as invalid_request", (amount) => {
    expect(refusal(() => toMinor(amount, "USD")).code).toBe("invalid_request");
  });

  test("an amount too large for a safe integer is invalid_request", () => {
    const error = refusal(() => toMinor("99999999999999999999", "USD"));
    expect(error.code).toBe("invalid_request");
    expect(error.message).toMatch(/too large/);
  });

  test("the refusal message quotes at most 20 characters of the amount", () => {
    const error = refusal(() => toMinor(`x${"9".repeat(100)}`, "USD"));
    expect(error.message).toBe(`"x${"9".repeat(19)}" is not an amount.`);
  });
});

describe("toDecimal", () => {
  test.each([
    [13350, "USD", "133.50"],
    [5, "USD", "0.05"],
    [0, "EUR", "0.00"],
    [500, "JPY", "500"],
    [1235, "KWD", "1.235"],
  ])("%i minor units of %s are %s", (minor, currency, text) => {
    expect(toDecimal(minor, currency)).toBe(text);
    expect(toMinor(text, currency)).toBe(minor);
  });

  test("a fraction or a negative number is not an amount in minor units", () => {
    expect(() => toDecimal(1.5, "USD")).toThrow();
    expect(() => toDecimal(-1, "USD")).toThrow();
  });
});
