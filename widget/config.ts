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
});
export type WidgetConfig = z.infer<typeof WidgetConfig>;

const ATTRIBUTES = {
  site: "data-site",
  locale: "data-locale",
  theme: "data-theme",
  orderToken: "data-order-token",
  orderParam: "data-order-param",
  target: "data-target",
} as const;

/** The script tag's `data-*` attributes as a config object (absent attributes are left out). */
export function fromAttributes(element: Element): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [key, attribute] of Object.entries(ATTRIBUTES)) {
    const value = element.getAttribute(attribute);
    if (value !== null) raw[key] = value.trim();
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
