import { describe, expect, test } from "vitest";
import { formatMoney, fractionDigits, fromMinor, toMinor } from "../../../demo/admin/money.ts";

describe("amounts typed in the admin's money fields", () => {
  test.each([
    ["12.5", "EUR", 1250],
    ["12.50", "EUR", 1250],
    ["12,5", "EUR", 1250],
    [" 0.99 ", "USD", 99],
    ["12", "EUR", 1200],
    ["12.", "EUR", 1200],
    [".5", "EUR", 50],
    ["1200", "JPY", 1200],
    ["1.234", "KWD", 1234],
    ["0.07", "EUR", 7],
    ["1000000.01", "EUR", 100000001],
  ])("%s %s is %i minor units", (text, currency, minor) => {
    expect(toMinor(text, currency)).toBe(minor);
  });

  test.each([
    ["", "EUR"],
    [".", "EUR"],
    ["12.505", "EUR"],
    ["1200.5", "JPY"],
    ["-3", "EUR"],
    ["1e3", "EUR"],
    ["12 EUR", "EUR"],
    ["1,250.00", "EUR"],
  ])("%j in %s is not an amount", (text, currency) => {
    expect(toMinor(text, currency)).toBeNull();
  });

  test("minor units are shown back with the currency's decimals", () => {
    expect(fromMinor(1250, "EUR")).toBe("12.50");
    expect(fromMinor(7, "EUR")).toBe("0.07");
    expect(fromMinor(1200, "JPY")).toBe("1200");
    expect(fromMinor(1234, "KWD")).toBe("1.234");
  });

  test("what is shown is read back as the same amount, for every amount", () => {
    for (const currency of ["EUR", "JPY", "KWD"]) {
      for (const minor of [0, 1, 9, 10, 99, 100, 101, 1250, 999_999, 123_456_789]) {
        expect(toMinor(fromMinor(minor, currency), currency)).toBe(minor);
      }
    }
  });

  test("decimals come from Intl, and a code Intl refuses counts as two", () => {
    expect(fractionDigits("EUR")).toBe(2);
    expect(fractionDigits("JPY")).toBe(0);
    expect(fractionDigits("BHD")).toBe(3);
    expect(fractionDigits("E")).toBe(2);
  });

  test("amounts are displayed through Intl.NumberFormat", () => {
    expect(formatMoney(1250, "EUR")).toBe("€12.50");
    expect(formatMoney(8900, "USD")).toBe("$89.00");
    expect(formatMoney(1200, "JPY")).toBe("¥1,200");
  });
});
