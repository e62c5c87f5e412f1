import * as z from "zod/mini";

/**
 * Who settles an accepted offer: `stripe` (the buyer's saved card in one click, the bank's confirmation when
 * it asks, else a pay link), `woocommerce` (a linked WooCommerce order, paid on the shop's own order-pay page
 * with any of its gateways), `manual` (the seller bills, told by webhook) or `demo` (settles at once).
 */
export const PaymentProvider = z.enum(["manual", "demo", "stripe", "woocommerce"]);
export type PaymentProvider = z.infer<typeof PaymentProvider>;

/**
 * pending: not settled yet, or the seller bills; requires_action: the buyer must finish at `actionUrl`
 * (confirm with their bank, or pay at a link); paid; failed; refunded (fully or in part).
 */
export const PaymentStatus = z.enum(["paid", "pending", "requires_action", "failed", "refunded"]);
export type PaymentStatus = z.infer<typeof PaymentStatus>;
