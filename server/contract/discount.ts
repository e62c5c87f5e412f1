import * as z from "zod/mini";
import { Minor } from "./money.ts";

/** Whole hundredths of a percent: 12.5 and 12.25 are percentages a seller may mean, 12.345 is a typo. */
const hundredths = (value: number) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;

/**
 * A percentage off (0 up to, but not, 100, with at most two decimals: 12.5 % off) or a fixed amount off, in
 * the product's minor units. Whether it leaves something to pay depends on the product's price, checked where
 * both are known (`offerPriceProblem` in pricing.ts).
 */
export const Discount = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("percent"),
    value: z
      .number()
      .check(
        z.minimum(0),
        z.lt(100, "must be less than 100: 100 % off would give the product away"),
        z.refine(hundredths, "may have at most two decimals, like 12.5"),
      ),
  }),
  z.strictObject({ type: z.literal("fixed"), value: Minor }),
]);
export type Discount = z.infer<typeof Discount>;
