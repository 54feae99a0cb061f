import type { BonusMonth } from '@profreestr/contracts';
import { type Bar, BarChart } from './bar-chart';
import {
  type BonusMetric,
  bonusMetrics,
  metricFormat,
  monthLabel,
  shortMonthLabel,
} from './bonus-months';

/** The months as bars of one metric; the year under January and under the first month. */
export function monthBars(items: BonusMonth[], metric: BonusMetric): Bar[] {
  const { full } = metricFormat(metric);
  return items.map((item, index) => {
    const month = item.month.slice(0, 7);
    const newYear = index === 0 || month.endsWith('-01');
    return {
      key: month,
      label: shortMonthLabel(month),
      ...(newYear ? { sublabel: month.slice(0, 4) } : {}),
      value: item[metric],
      title: `${monthLabel(month)}: ${full(item[metric])}`,
    };
  });
}

interface BonusChartProps {
  /** Every month of the range, oldest first (zeros filled in). */
  items: BonusMonth[];
  metric: BonusMetric;
  height?: number;
}

/** One metric of the PROFCARDS statistics by month. */
export function BonusChart({ items, metric, height }: BonusChartProps) {
  const def = bonusMetrics.find((m) => m.value === metric) ?? bonusMetrics[0];
  const first = items[0]?.month.slice(0, 7);
  const last = items.at(-1)?.month.slice(0, 7);
  const period = first && last ? `, ${monthLabel(first)} — ${monthLabel(last)}` : '';
  return (
    <BarChart
      bars={monthBars(items, metric)}
      label={`${def?.title ?? ''}${period}`}
      formatAxis={metricFormat(metric).axis}
      {...(height ? { height } : {})}
    />
  );
}
