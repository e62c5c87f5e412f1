import * as z from "zod/mini";
import { SiteId } from "./ids.ts";

/** What a seller sets on the script tag (`data-*`) or passes to `aquarium("init", {…})`. */
export const WidgetConfig = z.strictObject({
  site: SiteId,
  locale: z.optional(z.string().check(z.regex(/^[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8})*$/))),
  theme: z.optional(z.enum(["light", "dark", "auto"])),
  orderToken: z.optional(z.string().check(z.minLength(10), z.maxLength(8192))),
  orderParam: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_.-]{1,64}$/))),
  target: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  /**
   * Seconds between claims while the order is not there yet, the last repeating (widget/retry.ts): "1,2,3,5".
   * Text in both forms, attribute and command queue: an array schema would cost the widget 0.4 KB.
   */
  retryDelays: z.optional(
    z
      .string()
      .check(
        z.regex(/^(0\.[1-9]\d?|[1-9]\d{0,2}(\.\d\d?)?)(, ?(0\.[1-9]\d?|[1-9]\d{0,2}(\.\d\d?)?)){0,19}$/),
      ),
  ),
  /** Seconds after the widget started during which it keeps asking. */
  retryFor: z.optional(z.number().check(z.minimum(0), z.maximum(600))),
});
export type WidgetConfig = z.infer<typeof WidgetConfig>;
