import * as z from "zod/mini";

/**
 * What an order webhook is answered, once its signature is verified: `stored` (new or newer), `duplicate`
 * (a delivery seen before: acknowledged so the platform stops retrying), `stale` (older than what is
 * stored), `ignored` (authentic, but not about a paid order), `ping` (WooCommerce's creation ping).
 */
export const HookAnswer = z.object({
  received: z.literal(true),
  result: z.enum(["stored", "duplicate", "stale", "ignored", "ping"]),
});
export type HookAnswer = z.infer<typeof HookAnswer>;
