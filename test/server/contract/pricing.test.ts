import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { discountedPrice, offerPriceProblem, percentOff } from "../../../server/contract/index.ts";

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
    // Percentages with decimals, rounded half up to the minor unit.
    [999, { type: "percent", value: 12.5 }, 874], // 124.875 off rounds to 125
    [1000, { type: "percent", value: 12.5 }, 875], // exactly 125 off
    [100, { type: "percent", value: 0.5 }, 99], // 0.5 off rounds half up to 1
    [5000, { type: "percent", value: 0.01 }, 4999], // 0.5 off rounds half up to 1
    [4999, { type: "percent", value: 0.01 }, 4999], // 0.4999 off rounds to 0
    [3, { type: "percent", value: 33.33 }, 2], // 0.9999 off rounds to 1
    [1_000_000_000_00, { type: "percent", value: 99.99 }, 10_000_000], // the largest price, exactly
    [1_000_000_000_00, { type: "percent", value: 12.35 }, 87_650_000_000],
  ] as const)("%i minor units with %o cost %i", (regular, discount, expected) => {
    expect(discountedPrice(regular, discount)).toBe(expected);
  });

  test("a percentage off is exact at every price and every hundredth of a percent (checked in big integers)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000_00 }),
        fc.integer({ min: 0, max: 9_999 }),
        (regular, hundredths) => {
          // Half up: floor((regular × hundredths + 5000) / 10000), in integers that cannot round.
          const exact = (BigInt(regular) * BigInt(hundredths) + 5000n) / 10_000n;
          expect(percentOff(regular, hundredths / 100)).toBe(Number(exact));
        },
      ),
      { numRuns: 5_000 },
    );
  });
});

describe("a discount that gives the product away", () => {
  const tank = { price: 8900, currency: "EUR" };

  test("a fixed amount off at or above the price is refused, saying the price", () => {
    expect(offerPriceProblem(tank, { type: "fixed", value: 8900 })).toBe(
      "must be less than the product's price, 89.00 EUR: the buyer would pay nothing",
    );
    expect(offerPriceProblem(tank, { type: "fixed", value: 10_000 })).toContain("89.00 EUR");
    expect(offerPriceProblem(tank, { type: "fixed", value: 8899 })).toBeNull();
  });

  test("a percentage that leaves nothing of a small price is refused; one that leaves a cent is not", () => {
    expect(offerPriceProblem({ price: 1, currency: "EUR" }, { type: "percent", value: 50 })).toBe(
      "leaves nothing to pay on the product's price of 0.01 EUR",
    );
    expect(offerPriceProblem({ price: 2, currency: "EUR" }, { type: "percent", value: 50 })).toBeNull();
    expect(offerPriceProblem(tank, { type: "percent", value: 99.99 })).toBeNull();
  });

  test("amounts are said in the currency's own decimals", () => {
    expect(offerPriceProblem({ price: 1200, currency: "JPY" }, { type: "fixed", value: 1200 })).toContain(
      "1200 JPY",
    );
    expect(offerPriceProblem({ price: 1500, currency: "BHD" }, { type: "fixed", value: 1500 })).toContain(
      "1.500 BHD",
    );
  });

  test("a product that costs nothing is not the discount's doing", () => {
    expect(offerPriceProblem({ price: 0, currency: "EUR" }, { type: "fixed", value: 100 })).toBeNull();
  });
});
