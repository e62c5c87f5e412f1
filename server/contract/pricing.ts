import type { Discount } from "./discount.ts";

/**
 * The offer price of one unit, in integer minor units: a percentage rounded half up to the nearest
 * minor unit, or a fixed amount off; never below zero, never above the regular price.
 */
export function discountedPrice(regular: number, discount: Discount): number {
  const price =
    discount.type === "percent"
      ? regular - Math.round((regular * discount.value) / 100)
      : regular - discount.value;
  return Math.min(regular, Math.max(0, price));
}
