// Horizontal bars, one per option: the label on its own line (long labels need the width), the
// bar under it, the value inside the bar when it is long enough to hold it, after it otherwise.
import { ChartFigure, type ChartRow, formatCount, formatPercent } from "./chart-figure";

const ROW = 46;
const MAX_LABEL = 70;

const shortened = (label: string) => (label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label);

function valueText(row: ChartRow): string {
  return row.percent === undefined
    ? formatCount(row.count)
    : `${formatPercent(row.percent)} (${formatCount(row.count)})`;
}

export function BarChart({ title, rows }: { title: string; rows: readonly (ChartRow & { percent: number })[] }) {
  const summary = `${title}. ${rows.map((row) => `${row.label}: ${valueText(row)}`).join("; ")}.`;
  return (
    <ChartFigure height={rows.length * ROW} labelHeader="Answer" rows={rows} summary={summary} title={title}>
      {rows.map((row, index) => {
        const top = index * ROW;
        const width = Math.max(0, Math.min(100, row.percent));
        const inside = width >= 50;
        return (
          <g key={row.label}>
            <text className="bar-label" x="0" y={top + 15}>
              {shortened(row.label)}
            </text>
            <rect className="bar-track" height="16" rx="3" width="100%" x="0" y={top + 21} />
            <rect className="bar" height="16" rx="3" width={`${width}%`} x="0" y={top + 21} />
            <text
              className="bar-value"
              fill={inside ? "#ffffff" : undefined}
              textAnchor={inside ? "end" : "start"}
              x={inside ? `${width - 1}%` : `${width + 1}%`}
              y={top + 33}
            >
              {valueText(row)}
            </text>
          </g>
        );
      })}
    </ChartFigure>
  );
}
