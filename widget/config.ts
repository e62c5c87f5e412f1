import * as z from "zod/mini";
import { SiteId } from "../server/contract/ids.ts";

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

const ATTRIBUTES = {
  site: "data-site",
  locale: "data-locale",
  theme: "data-theme",
  orderToken: "data-order-token",
  orderParam: "data-order-param",
  target: "data-target",
  retryDelays: "data-retry-delays",
  retryFor: "data-retry-for",
} as const;

/** A decimal as written in an attribute ("1.5"); anything else stays text, for parseConfig to refuse. */
const decimal = (text: string): number | string => (/^\d{1,4}(\.\d{1,3})?$/.test(text) ? +text : text);

/** The script tag's `data-*` attributes as a config object (absent attributes are left out). */
export function fromAttributes(element: Element): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [key, attribute] of Object.entries(ATTRIBUTES)) {
    const value = element.getAttribute(attribute)?.trim();
    if (value === undefined) continue;
    raw[key] = key === "retryFor" ? decimal(value) : value;
  }
  return raw;
}

/** A valid config, or the reason it is not, said once to the seller in the console. */
export function parseConfig(raw: unknown): { config: WidgetConfig } | { problem: string } {
  const parsed = WidgetConfig.safeParse(raw);
  if (parsed.success) return { config: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path[0];
  const attribute =
    typeof field === "string" && field in ATTRIBUTES ? ATTRIBUTES[field as keyof typeof ATTRIBUTES] : field;
  return {
    problem:
      issue?.code === "unrecognized_keys"
        ? `unknown option ${issue.keys.join(", ")}`
        : `${String(attribute ?? "config")} is missing or not valid`,
  };
}
