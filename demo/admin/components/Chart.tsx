import type { DayStats } from "../../../server/contract/index.ts";

/** One series of bars: a name, the class that colours it, and its figure on a day. */
export interface Series {
  key: string;
  label: string;
  value(day: DayStats): number;
}

/** Offers shown, accepted and declined: the counts chart's series. */
export const COUNTS: Series[] = [
  { key: "shown", label: "Shown", value: (day) => day.shown },
  { key: "accepted", label: "Accepted", value: (day) => day.accepted },
  { key: "declined", label: "Declined", value: (day) => day.declined },
];

/** Money paid (net of refunds) and pending in one currency, in its minor units: a money chart's series. */
export function moneySeries(currency: string): Series[] {
  const of = (day: DayStats) => day.revenue.find((money) => money.currency === currency);
  return [
    { key: "paid", label: "Paid", value: (day) => of(day)?.paid ?? 0 },
    { key: "pending", label: "Pending", value: (day) => of(day)?.pending ?? 0 },
  ];
}

const WIDTH = 720;
const HEIGHT = 200;
const TOP = 14;
const BOTTOM = 26;
const LEFT = 64;

/**
 * A group of bars a day, one bar per series, drawn as SVG by Preact; `format` writes a figure (an amount with its
 * currency, say). The table beside it carries the same figures for anyone who cannot see the chart.
 */
export function DayChart({
  days,
  series,
  title,
  format = String,
}: {
  days: DayStats[];
  series: Series[];
  title: string;
  format?: (value: number) => string;
}) {
  const group = (WIDTH - LEFT) / Math.max(1, days.length);
  // Bars fill most of their day, up to a width that still reads as bars with a few days.
  const bar = Math.min(18, (group * 0.8) / series.length);
  const max = Math.max(1, ...days.flatMap((day) => series.map((one) => one.value(day))));
  const plot = HEIGHT - TOP - BOTTOM;
  const y = (value: number) => TOP + plot - (value / max) * plot;
  // Enough day labels to read, never so many that they overlap.
  const every = Math.max(1, Math.ceil(days.length / 8));
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={title}>
        <line class="axis" x1={LEFT} x2={WIDTH} y1={y(0)} y2={y(0)} />
        <text class="tick" x={LEFT - 4} y={y(max) + 4} text-anchor="end">
          {format(max)}
        </text>
        <text class="tick" x={LEFT - 4} y={y(0)} text-anchor="end">
          {format(0)}
        </text>
        {days.map((day, index) => {
          const x = LEFT + index * group + (group - bar * series.length) / 2;
          return (
            <g class="day" key={day.day} data-day={day.day}>
              <title>
                {`${day.day}: ${series.map((one) => `${format(one.value(day))} ${one.label.toLowerCase()}`).join(", ")}`}
              </title>
              {series.map((one, position) => (
                <rect
                  key={one.key}
                  class={`bar ${one.key}`}
                  x={x + position * bar}
                  y={y(one.value(day))}
                  width={Math.max(1, bar - 1)}
                  height={y(0) - y(one.value(day))}
                />
              ))}
              {index % every === 0 && (
                <text class="tick" x={x} y={HEIGHT - 6}>
                  {day.day.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption class="legend">
        {series.map((one) => (
          <span key={one.key}>
            <svg width="12" height="12" aria-hidden="true">
              <rect class={`bar ${one.key}`} width="12" height="12" />
            </svg>
            {one.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** Every day of the period, those without a figure at zero, so the chart's gaps are real days. */
export function everyDay(from: string, to: string, days: DayStats[]): DayStats[] {
  const known = new Map(days.map((day) => [day.day, day]));
  const all: DayStats[] = [];
  for (let time = Date.parse(from); time <= Date.parse(to); time += 86_400_000) {
    const day = new Date(time).toISOString().slice(0, 10);
    all.push(known.get(day) ?? { day, shown: 0, accepted: 0, declined: 0, acceptRate: 0, revenue: [] });
  }
  return all;
}
