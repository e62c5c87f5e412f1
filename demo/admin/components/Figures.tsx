import type { ComponentChildren } from "preact";
import type { Earnings, Figures } from "../../../server/contract/index.ts";
import { formatMoney } from "../money.ts";

export const percent = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 });
export const count = new Intl.NumberFormat("en");

type Amount = "paid" | "pending" | "refunded" | "perShown";

/**
 * One amount per currency, each formatted by Intl with its currency ("€0.00", never "0"); amounts in several
 * currencies are listed one under the other, never added together.
 */
export function Amounts({
  revenue,
  amount,
}: {
  revenue: Pick<Earnings, "currency" | Amount>[];
  amount: Amount;
}) {
  if (revenue.length === 0) return <span class="muted">none</span>;
  if (revenue.length === 1) {
    const [only] = revenue as [Pick<Earnings, "currency" | Amount>];
    return <>{formatMoney(only[amount], only.currency)}</>;
  }
  return (
    <ul class="amounts">
      {revenue.map((money) => (
        <li key={money.currency}>{formatMoney(money[amount], money.currency)}</li>
      ))}
    </ul>
  );
}

/** The columns of a table of figures, in order; each cell is labelled with its column on a phone. */
const COLUMNS: { label: string; cell(row: Figures): ComponentChildren }[] = [
  { label: "Shown", cell: (row) => count.format(row.shown) },
  { label: "Accepted", cell: (row) => count.format(row.accepted) },
  { label: "Declined", cell: (row) => count.format(row.declined) },
  { label: "Accept rate", cell: (row) => percent.format(row.acceptRate) },
  { label: "Revenue added", cell: (row) => <Amounts revenue={row.revenue} amount="paid" /> },
  { label: "Pending", cell: (row) => <Amounts revenue={row.revenue} amount="pending" /> },
  { label: "Refunded", cell: (row) => <Amounts revenue={row.revenue} amount="refunded" /> },
  { label: "Per offer shown", cell: (row) => <Amounts revenue={row.revenue} amount="perShown" /> },
];

/** A table of figures, a row per thing counted (a funnel step, an offer), named in its first column. */
export function FiguresTable<R extends Figures>(props: {
  caption: string;
  heading: string;
  rows: R[];
  keyOf(row: R): string;
  nameOf(row: R): string;
}) {
  return (
    <table class="stack">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.heading}</th>
          {COLUMNS.map((column) => (
            <th key={column.label} scope="col" class="number">
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={props.keyOf(row)}>
            <th scope="row">{props.nameOf(row)}</th>
            {COLUMNS.map((column) => (
              <td key={column.label} class="number" data-label={column.label}>
                {column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
