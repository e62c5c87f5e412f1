import type { Discount } from "./discount.ts";

/**
 * The part of `regular` a percentage takes off, in whole minor units, rounded half up. Worked out in integers
 * (the percentage in hundredths of a percent), so 12.5 % of 999 is 124.875 → 125 exactly, with no float
 * drift at any price a product may have.
 */
export function percentOff(regular: number, percent: number): number {
  const hundredths = Math.round(percent * 100);
  const scaled = regular * hundredths; // at most 10^11 × 10^4: an exact integer in a double
  let whole = Math.floor(scaled / 10_000);
  let rest = scaled - whole * 10_000;
  // The division is a double's: put the quotient right if it landed one off.
  if (rest < 0) [whole, rest] = [whole - 1, rest + 10_000];
  if (rest >= 10_000) [whole, rest] = [whole + 1, rest - 10_000];
  return rest * 2 >= 10_000 ? whole + 1 : whole;
}

/**
 * The offer price of one unit, in integer minor units: a percentage rounded half up to the nearest
 * minor unit, or a fixed amount off; never below zero, never above the regular price.
 */
export function discountedPrice(regular: number, discount: Discount): number {
  const price =
    discount.type === "percent" ? regular - percentOff(regular, discount.value) : regular - discount.value;
  return Math.min(regular, Math.max(0, price));
}

/** "12.50 EUR": an amount in a message that any reader, of any locale, reads alike. */
function amount(minor: number, currency: string): string {
  let digits = 2;
  try {
    digits =
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ??
      2;
  } catch {
    // A code Intl does not know keeps two decimals; the currency field says what is wrong with it.
  }
  return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`;
}

/**
 * Why a discount would give the product away (the buyer would pay nothing), in a seller's words, or null when
 * it leaves something to pay. A product that costs nothing has nothing to discount, and is not refused here.
 */
export function offerPriceProblem(
  product: { price: number; currency: string },
  discount: Discount,
): string | null {
  const { price, currency } = product;
  if (price === 0 || discountedPrice(price, discount) > 0) return null;
  return discount.type === "fixed"
    ? `must be less than the product's price, ${amount(price, currency)}: the buyer would pay nothing`
    : `leaves nothing to pay on the product's price of ${amount(price, currency)}`;
}
