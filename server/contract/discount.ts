import * as z from "zod/mini";
import { Minor } from "./money.ts";

/** A percentage off (0–100) or a fixed amount off, in the product's minor units. */
export const Discount = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("percent"), value: z.int().check(z.minimum(0), z.maximum(100)) }),
  z.strictObject({ type: z.literal("fixed"), value: Minor }),
]);
export type Discount = z.infer<typeof Discount>;
