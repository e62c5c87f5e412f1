import type { OrderLine, Product, Trigger } from "../contract/index.ts";

/** What an order is, as far as triggers care: its catalogue products, their tags, its total and currency. */
export interface OrderFacts {
  productIds: Set<string>;
  tags: Set<string>;
  total: number;
  currency: string;
}

/** A line is a catalogue product when the product's SKU is the line's SKU or the platform's product id. */
export function holds(line: OrderLine, product: Product): boolean {
  return product.sku === line.sku || product.sku === line.product;
}

export function orderFacts(
  order: { lines: OrderLine[]; total: number; currency: string },
  catalogue: Product[],
): OrderFacts {
  const bought = catalogue.filter((product) => order.lines.some((line) => holds(line, product)));
  return {
    productIds: new Set(bought.map((product) => product.id)),
    tags: new Set(bought.flatMap((product) => product.tags)),
    total: order.total,
    currency: order.currency,
  };
}

/** Every condition the seller set must hold; within a list, any one entry is enough. */
export function matches(trigger: Trigger, facts: OrderFacts): boolean {
  return (
    (trigger.products.length === 0 || trigger.products.some((id) => facts.productIds.has(id))) &&
    (trigger.tags.length === 0 || trigger.tags.some((tag) => facts.tags.has(tag))) &&
    (trigger.minTotal === null || facts.total >= trigger.minTotal) &&
    (trigger.currency === null || facts.currency === trigger.currency)
  );
}
