import { useElementSize } from '@mantine/hooks';
import { useId } from 'react';
import classes from '../completeness/completeness.module.css';

// A small bar chart drawn as SVG (no chart library): one bar per item, its label under it, its
// full value in the bar's <title>. The chart names itself (<title>); the numbers are also in a
// table beside it for those who cannot see it.

export interface Bar {
  key: string;
  /** Under the bar: «мар». */
  label: string;
  /** A second line under the bar where a new year starts: «2025». */
  sublabel?: string;
  value: number;
  /** The bar's full text: «Март 2025: 1 234,00 ₽». */
  title: string;
}

interface BarChartProps {
  bars: Bar[];
  /** What the chart shows, read out as its name. */
  label: string;
  /** An axis tick: «1,2 млн ₽». */
  formatAxis: (value: number) => string;
  height?: number;
  /** Width used before the element is measured (and in tests, where nothing has a size). */
  fallbackWidth?: number;
}

const PAD = { left: 52, right: 8, top: 10, bottom: 34 };
const GRID = [0, 0.5, 1];

/** The next «round» top above `max` (1, 2, 2.5, 5 × 10ⁿ), so the ticks read easily. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= max) ?? 10;
  return step * power;
}

export function BarChart({
  bars,
  label,
  formatAxis,
  height = 200,
  fallbackWidth = 360,
}: BarChartProps) {
  const { ref, width: measured } = useElementSize();
  const titleId = useId();
  const width = measured > 0 ? measured : fallbackWidth;
  const plotW = Math.max(1, width - PAD.left - PAD.right);
  const plotH = height - PAD.top - PAD.bottom;
  const top = niceMax(Math.max(0, ...bars.map((bar) => bar.value)));
  const slot = plotW / Math.max(1, bars.length);
  const barW = Math.max(2, Math.min(40, slot * 0.7));
  // Labels every n-th bar when they would not fit side by side (about 28 px each).
  const every = Math.max(1, Math.ceil(28 / slot));
  const y = (value: number) => PAD.top + (1 - value / top) * plotH;

  return (
    <div ref={ref}>
      <svg
        className={classes.chart}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={titleId}
      >
        <title id={titleId}>{label}</title>
        {GRID.map((share) => (
          <g key={share}>
            <line
              x1={PAD.left}
              x2={width - PAD.right}
              y1={y(top * share)}
              y2={y(top * share)}
              stroke="var(--mantine-color-gray-3)"
              strokeDasharray={share === 0 ? undefined : '3 3'}
            />
            <text x={PAD.left - 6} y={y(top * share) + 4} textAnchor="end">
              {formatAxis(top * share)}
            </text>
          </g>
        ))}
        {bars.map((bar, index) => {
          const x = PAD.left + slot * index + (slot - barW) / 2;
          const barH = Math.max(0, (bar.value / top) * plotH);
          const cx = x + barW / 2;
          return (
            <g key={bar.key} data-bar={bar.key}>
              <rect
                x={x}
                y={PAD.top + plotH - barH}
                width={barW}
                height={barH}
                rx={2}
                fill="var(--mantine-color-blue-6)"
              >
                <title>{bar.title}</title>
              </rect>
              {index % every === 0 && (
                <text x={cx} y={height - PAD.bottom + 14} textAnchor="middle">
                  {bar.label}
                </text>
              )}
              {bar.sublabel && (
                <text x={cx} y={height - PAD.bottom + 28} textAnchor="middle">
                  {bar.sublabel}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
