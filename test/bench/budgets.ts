/** One row of the budget table (DESIGN.md, server/README.md): a figure of this run against its budget and goal. */
export interface Budget {
  what: string;
  value: number;
  unit: string;
  budget: number;
  goal: number;
  /** Whether a smaller figure is the better one (a time, a size) or a larger one (a ratio of throughputs). */
  lower: boolean;
  within: boolean;
  goalMet: boolean;
}

export function budget(
  what: string,
  value: number,
  unit: string,
  limits: { atMost: number; goal: number } | { atLeast: number; goal: number },
): Budget {
  const lower = "atMost" in limits;
  const limit = lower ? limits.atMost : limits.atLeast;
  const meets = (bound: number) => (lower ? value <= bound : value >= bound);
  return {
    what,
    value,
    unit,
    budget: limit,
    goal: limits.goal,
    lower,
    within: meets(limit),
    goalMet: meets(limits.goal),
  };
}

const number = (n: number) => n.toLocaleString("en", { maximumFractionDigits: n < 10 ? 2 : n < 100 ? 1 : 0 });

/** `within  what: value (budget ≤ 6×, goal ≤ 4×, goal met)` */
export function describe(row: Budget): string {
  const sign = row.lower ? "≤" : "≥";
  const limit = (n: number) => `${sign} ${number(n)}${row.unit}`;
  return `  ${row.within ? "within" : "OVER  "}  ${row.what}: ${number(row.value)}${row.unit}  (budget ${limit(row.budget)}, goal ${limit(row.goal)}${row.goalMet ? ", goal met" : ""})`;
}
