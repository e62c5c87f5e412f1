import { readFileSync } from "node:fs";
import { CATALOGUE } from "../seed.ts";

/**
 * The products' pictures: small SVG drawings in ./img, one per SKU, read once. Drawn shapes rather than emoji, so a
 * goldfish looks like one on a machine without an emoji font.
 */
const PICTURES = new Map<string, string>(
  CATALOGUE.map((item) => [
    item.sku,
    readFileSync(new URL(`./img/${item.sku}.svg`, import.meta.url), "utf8"),
  ]),
);

/** The SVG drawing of the product with this SKU, or null for a SKU the demo does not sell. */
export function pictureOf(sku: string): string | null {
  return PICTURES.get(sku) ?? null;
}
