// Vertical columns over an ordered scale (a rating's values, days, months). Positions are
// percentages of the width, so the chart fits any screen; with many columns only the first and
// last labels are drawn (the data table has every one).
import { ChartFigure, type ChartRow, formatCount } from "./chart-figure";

const PLOT = 140;
const TOP = 18;
const LABELS = 22;
/** Fewer columns than this keep this width each, so one column is not a wall. */
const MIN_SLOTS = 8;
const ALL_LABELS_UP_TO = 13;

export interface ColumnChartProps {
  title: string;
  /** The spoken summary; the default names every column. */
  summary?: string;
  labelHeader: string;
  rows: readonly ChartRow[];
}

export function ColumnChart({ title, summary, labelHeader, rows }: ColumnChartProps) {
  const max = Math.max(1, ...rows.map((row) => row.count));
  const slot = 100 / Math.max(rows.length, MIN_SLOTS);
  const gap = Math.min(slot * 0.15, 1.5);
  const everyLabel = rows.length <= ALL_LABELS_UP_TO;
  const spoken = summary ?? `${title}. ${rows.map((row) => `${row.label}: ${formatCount(row.count)}`).join("; ")}.`;
  return (
    <ChartFigure height={TOP + PLOT + LABELS} labelHeader={labelHeader} rows={rows} summary={spoken} title={title}>
      <line className="axis" x1="0" x2="100%" y1={TOP + PLOT + 0.5} y2={TOP + PLOT + 0.5} />
      {rows.map((row, index) => {
        const height = Math.round((row.count / max) * PLOT);
        const x = index * slot + gap;
        const middle = `${index * slot + slot / 2}%`;
        const labelled = everyLabel || index === 0 || index === rows.length - 1;
        return (
          <g key={row.label}>
            <rect className="bar" height={height} width={`${slot - 2 * gap}%`} x={`${x}%`} y={TOP + PLOT - height} />
            {everyLabel ? (
              <text className="bar-value" textAnchor="middle" x={middle} y={TOP + PLOT - height - 4}>
                {formatCount(row.count)}
              </text>
            ) : null}
            {labelled ? (
              <text
                className="bar-label"
                textAnchor={everyLabel ? "middle" : index === 0 ? "start" : "end"}
                x={everyLabel ? middle : index === 0 ? `${x}%` : `${x + slot - 2 * gap}%`}
                y={TOP + PLOT + 16}
              >
                {row.label}
              </text>
            ) : null}
          </g>
        );
      })}
    </ChartFigure>
  );
}
