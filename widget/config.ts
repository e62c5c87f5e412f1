import wire from "virtual:aquarium-wire";
import type { WidgetConfig } from "../server/contract/snippet.ts";
import { Problem, read } from "./check.ts";

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
  const config = read(wire.config, raw);
  if (!(config instanceof Problem)) return { config: config as WidgetConfig };
  const problem = config;
  if (problem.unknown) return { problem: `unknown option ${problem.unknown.join(", ")}` };
  const field = problem.path[0];
  const attribute =
    typeof field === "string" && Object.hasOwn(ATTRIBUTES, field)
      ? ATTRIBUTES[field as keyof typeof ATTRIBUTES]
      : field;
  return { problem: `${String(attribute ?? "config")} is missing or not valid` };
}
