/**
 * What Aquarium writes on a linked order's `meta_data`, so that the order names the order it follows and the
 * decision it pays. Not underscore-prefixed: WooCommerce hides "protected" (`_…`) meta from the REST API and
 * from webhooks, and both must read these back.
 */
export const LINK_META = { parent: "aquarium_parent_order", decision: "aquarium_decision" } as const;

/** The value of one meta key, as text; null when the order has none. */
export function metaValue(meta: readonly { key: string; value: unknown }[] | undefined, key: string) {
  const found = meta?.find((entry) => entry.key === key)?.value;
  return typeof found === "string" || typeof found === "number" ? String(found) : null;
}
