import * as z from "zod/mini";

/** Who settles an accepted offer: `manual` (the seller bills, told by webhook) or `demo` (settles at once). */
export const PaymentProvider = z.enum(["manual", "demo"]);
export type PaymentProvider = z.infer<typeof PaymentProvider>;

/**
 * pending: not settled yet, or the seller bills; requires_action: the buyer must finish at `actionUrl`;
 * paid; failed.
 */
export const PaymentStatus = z.enum(["paid", "pending", "requires_action", "failed"]);
export type PaymentStatus = z.infer<typeof PaymentStatus>;
