/**
 * A horizontal bar chart in inline SVG (no chart library): one labelled row per value, the number written next
 * to its bar, so the chart reads without colour and the table-like markup stays accessible (role="img" + a title
 * naming every value for screen readers).
 */
export interface Bar {
  key: string;
  label: string;
  value: number;
  /** Shown instead of the value (a rate, "—" for no data). */
  text?: string;
  highlight?: boolean;
  /** A tooltip for this bar (an SVG <title>), e.g. the counts behind a rate. */
  tooltip?: string;
  /** Extra data-* attributes on the bar's group, for tests and styling (e.g. {'data-month': '2026-03'}). */
  attributes?: { [name: `data-${string}`]: string };
}

const ROW = 28;
const LABEL_W = 260;
const BAR_W = 360;
const VALUE_W = 160;

export function BarChart({ title, bars, max }: { title: string; bars: Bar[]; max?: number }) {
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 1);
  const height = Math.max(bars.length, 1) * ROW + 4;
  const width = LABEL_W + BAR_W + VALUE_W;
  const summary = `${title}: ${bars.map((b) => `${b.label} ${b.text ?? b.value}`).join('; ')}`;
  return (
    <svg
      className="bar-chart"
      role="img"
      aria-label={summary}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
    >
      <title>{summary}</title>
      {bars.map((b, i) => {
        const y = i * ROW + 2;
        const w = b.value > 0 ? Math.max(2, (b.value / top) * BAR_W) : 0;
        return (
          <g key={b.key} data-bar={b.key} {...b.attributes}>
            {b.tooltip ? <title>{b.tooltip}</title> : null}
            <text x={LABEL_W - 8} y={y + ROW / 2 + 4} textAnchor="end" className="bar-label">
              {b.label.length > 38 ? `${b.label.slice(0, 37)}…` : b.label}
            </text>
            <rect x={LABEL_W} y={y + 5} width={BAR_W} height={ROW - 10} className="bar-track" />
            <rect x={LABEL_W} y={y + 5} width={w} height={ROW - 10} className={b.highlight ? 'bar bar-alert' : 'bar'} />
            <text x={LABEL_W + BAR_W + 8} y={y + ROW / 2 + 4} className="bar-value">
              {b.text ?? b.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
