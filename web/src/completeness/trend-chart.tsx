import { Box, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { type CompletenessTrend, type Indicator, indicatorLabels } from '@profreestr/contracts';
import { formatDate } from '../passport/field-model';
import classes from './completeness.module.css';
import { filledShare, formatShare, shareStrongColor } from './indicators';

const HEIGHT = 180;
const PAD = { left: 40, right: 12, top: 10, bottom: 24 };
const GRID = [0, 0.5, 1];
/** Dots on every day get too dense beyond a month: the line alone then. */
const MAX_DOTS = 45;

interface Point {
  day: string;
  time: number;
  share: number;
}

const dayTime = (day: string) => Date.parse(`${day}T00:00:00Z`);
/** Tenths of a percent rounded down, as formatPercent shows them: the change adds up. */
const tenthsOf = (share: number) => Math.floor(share * 1000 + 1e-9);
const pointsFormat = new Intl.NumberFormat('ru-RU', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const shortDate = (day: string) => formatDate(day).slice(0, 5);

/** The org's filled share of one indicator by day; the days are the server's daily snapshots. */
export function TrendChart({
  trend,
  indicator,
}: {
  trend: CompletenessTrend;
  indicator: Indicator;
}) {
  const { ref, width } = useElementSize();
  const points: Point[] = trend.items.flatMap((item) => {
    const share = filledShare(item, indicator);
    return share === null ? [] : [{ day: item.day, time: dayTime(item.day), share }];
  });

  if (points.length < 2) {
    return (
      <Text size="sm" c="dimmed" role="status">
        Динамика появится после ежедневных снимков
      </Text>
    );
  }

  const first = points[0] as Point;
  const last = points[points.length - 1] as Point;
  const change = (tenthsOf(last.share) - tenthsOf(first.share)) / 10;
  const label = `${indicatorLabels[indicator]}: ${formatShare(first.share)} на ${formatDate(first.day)}, ${formatShare(last.share)} на ${formatDate(last.day)}`;

  return (
    <Box>
      <Text size="sm" mb="xs">
        Сейчас: <b>{formatShare(last.share)}</b>, за период:{' '}
        <b>{`${change > 0 ? '+' : ''}${pointsFormat.format(change)}\u00a0п.п.`}</b>
      </Text>
      <div ref={ref}>{width > 0 && <Chart points={points} width={width} label={label} />}</div>
    </Box>
  );
}

function Chart({ points, width, label }: { points: Point[]; width: number; label: string }) {
  const plotW = Math.max(1, width - PAD.left - PAD.right);
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const t0 = (points[0] as Point).time;
  const span = Math.max(1, (points[points.length - 1] as Point).time - t0);
  const x = (time: number) => PAD.left + ((time - t0) / span) * plotW;
  const y = (share: number) => PAD.top + (1 - share) * plotH;
  const last = points[points.length - 1] as Point;
  const line = points.map((p) => `${x(p.time).toFixed(1)},${y(p.share).toFixed(1)}`).join(' ');

  return (
    <svg
      className={classes.chart}
      width={width}
      height={HEIGHT}
      viewBox={`0 0 ${width} ${HEIGHT}`}
      role="img"
      aria-label={label}
    >
      {GRID.map((share) => (
        <g key={share}>
          <line
            x1={PAD.left}
            x2={width - PAD.right}
            y1={y(share)}
            y2={y(share)}
            stroke="var(--mantine-color-gray-3)"
            strokeDasharray={share === 0 ? undefined : '3 3'}
          />
          <text x={PAD.left - 6} y={y(share) + 4} textAnchor="end">
            {`${share * 100}\u00a0%`}
          </text>
        </g>
      ))}
      <text x={PAD.left} y={HEIGHT - 6} textAnchor="start">
        {shortDate((points[0] as Point).day)}
      </text>
      <text x={width - PAD.right} y={HEIGHT - 6} textAnchor="end">
        {shortDate(last.day)}
      </text>
      <polyline
        points={line}
        fill="none"
        stroke={shareStrongColor(last.share)}
        strokeWidth={2}
        strokeLinejoin="round"
      />
      {points.length <= MAX_DOTS &&
        points.map((p) => (
          <circle key={p.day} cx={x(p.time)} cy={y(p.share)} r={3} fill={shareStrongColor(p.share)}>
            <title>{`${formatDate(p.day)}: ${formatShare(p.share)}`}</title>
          </circle>
        ))}
    </svg>
  );
}
