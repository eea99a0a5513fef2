// The frame every chart shares: the SVG is one image with a spoken summary (role="img" and
// aria-label), and the numbers behind it are a real table for screen readers and for anyone who
// needs the exact values (visually hidden, not display:none, so it stays in the accessibility tree).
import type { ReactNode } from "react";
import "./charts.css";

export interface ChartRow {
  label: string;
  count: number;
  /** Shown beside the count when given (0–100). */
  percent?: number;
}

export interface ChartFigureProps {
  /** What the chart shows, e.g. "Answers to: Favourite colour"; the table's caption too. */
  title: string;
  /** The spoken summary of the picture. */
  summary: string;
  height: number;
  rows: readonly ChartRow[];
  /** Header of the label column of the data table. */
  labelHeader: string;
  children: ReactNode;
}

export const formatPercent = (percent: number) => `${percent.toLocaleString("en", { maximumFractionDigits: 1 })}%`;
export const formatCount = (count: number) => count.toLocaleString("en");

export function ChartFigure({ title, summary, height, rows, labelHeader, children }: ChartFigureProps) {
  const withPercent = rows.some((row) => row.percent !== undefined);
  return (
    <figure className="chart">
      <svg aria-label={summary} height={height} role="img">
        {children}
      </svg>
      {/* A table ignores a width it cannot fit in; the wrapper's box is what is hidden. */}
      <div className="visually-hidden">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{labelHeader}</th>
              <th scope="col">Count</th>
              {withPercent ? <th scope="col">Percent</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td>{formatCount(row.count)}</td>
                {withPercent ? <td>{row.percent === undefined ? "" : formatPercent(row.percent)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
