import * as z from "zod/mini";

/** ISO 4217 alphabetic code in capitals. */
export const Currency = z
  .string()
  .check(z.regex(/^[A-Z]{3}$/, "must be an ISO 4217 currency code in capitals, like EUR"));

/** An amount in the currency's minor units (cents, grosze…): money is never a float. */
export const Minor = z.int().check(z.nonnegative(), z.maximum(1_000_000_000_00));
