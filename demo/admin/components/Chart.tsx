import type { DayStats } from "../../../server/contract/index.ts";

export const SERIES = [
  { key: "shown", label: "Shown" },
  { key: "accepted", label: "Accepted" },
  { key: "declined", label: "Declined" },
] as const;

const WIDTH = 720;
const HEIGHT = 200;
const TOP = 14;
const BOTTOM = 26;
const LEFT = 40;

/**
 * Offers shown, accepted and declined per day, one group of bars a day, drawn as SVG by Preact.
 * The table beside it carries the same figures for anyone who cannot see the chart.
 */
export function DayChart({ days, title }: { days: DayStats[]; title: string }) {
  const group = (WIDTH - LEFT) / Math.max(1, days.length);
  // Bars fill most of their day, up to a width that still reads as bars with a few days.
  const bar = Math.min(18, (group * 0.8) / SERIES.length);
  const max = Math.max(1, ...days.flatMap((day) => SERIES.map((series) => day[series.key])));
  const plot = HEIGHT - TOP - BOTTOM;
  const y = (value: number) => TOP + plot - (value / max) * plot;
  // Enough day labels to read, never so many that they overlap.
  const every = Math.max(1, Math.ceil(days.length / 8));
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={title}>
        <line class="axis" x1={LEFT} x2={WIDTH} y1={y(0)} y2={y(0)} />
        <text class="tick" x={LEFT - 4} y={y(max) + 4} text-anchor="end">
          {max}
        </text>
        <text class="tick" x={LEFT - 4} y={y(0)} text-anchor="end">
          0
        </text>
        {days.map((day, index) => {
          const x = LEFT + index * group + (group - bar * SERIES.length) / 2;
          return (
            <g class="day" key={day.day} data-day={day.day}>
              <title>
                {`${day.day}: ${SERIES.map((series) => `${day[series.key]} ${series.label.toLowerCase()}`).join(", ")}`}
              </title>
              {SERIES.map((series, position) => (
                <rect
                  key={series.key}
                  class={`bar ${series.key}`}
                  x={x + position * bar}
                  y={y(day[series.key])}
                  width={Math.max(1, bar - 1)}
                  height={y(0) - y(day[series.key])}
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
        {SERIES.map((series) => (
          <span key={series.key}>
            <svg width="12" height="12" aria-hidden="true">
              <rect class={`bar ${series.key}`} width="12" height="12" />
            </svg>
            {series.label}
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
    all.push(
      known.get(day) ?? { day, shown: 0, accepted: 0, declined: 0, revenue: 0, pending: 0, refunded: 0 },
    );
  }
  return all;
}
