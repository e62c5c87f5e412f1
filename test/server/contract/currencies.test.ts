import { describe, expect, test } from "vitest";
import { ISO_4217, KnownCurrency } from "../../../server/contract/index.ts";
import { validate } from "../../../server/parse.ts";

describe("the currencies a seller may price in", () => {
  test.each(["EUR", "USD", "GBP", "PLN", "JPY", "CHF", "XCG", "BHD"])("%s is accepted", (code) => {
    expect(KnownCurrency.parse(code)).toBe(code);
  });

  test.each([
    ["EUX", "is not an ISO 4217 currency code"],
    ["ABC", "is not an ISO 4217 currency code"],
    // Codes that are in ISO 4217 but are not money a shop prices in: no currency, testing, gold.
    ["XXX", "is not an ISO 4217 currency code"],
    ["XTS", "is not an ISO 4217 currency code"],
    ["XAU", "is not an ISO 4217 currency code"],
    ["eur", "ISO 4217 currency code in capitals"],
    ["EURO", "ISO 4217 currency code in capitals"],
  ])("%s is refused: %s", (code, words) => {
    expect(() => validate(KnownCurrency, code)).toThrow(words);
  });

  test("the list is of three capitals each, and every one is a currency Intl can format", () => {
    expect(ISO_4217.size).toBeGreaterThan(150);
    for (const code of ISO_4217) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect(new Intl.NumberFormat("en", { style: "currency", currency: code }).format(1)).toBeTruthy();
    }
  });
});
