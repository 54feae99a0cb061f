import { Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { bonusStatsFileUrl, useBonusStats } from '../api/bonus';
import { useCan } from '../auth/use-auth';
import { BonusChart } from '../bonus/bonus-chart';
import {
  type BonusMetric,
  bonusMetrics,
  fillMonths,
  type MonthRangeFilters,
  monthOptions,
  readMonthRange,
} from '../bonus/bonus-months';
import { BonusTable, BonusTotals } from '../bonus/bonus-summary';
import { MonthRangeSelects } from '../bonus/month-range-selects';
import { DownloadButton } from '../components/download';
import { PageLoader, QueryError } from '../components/query-state';
import { useUrlFilters } from '../components/use-url-filters';
import { UnderControl } from '../orgs/under-control';

export const BONUS_TITLE = 'PROFCARDS';
/** How far back the month lists reach (a month from a link may be older and is added). */
const YEARS_BACK = 5;

type BonusFilterKey = 'from' | 'to' | 'under';

/**
 * `/bonus`: the programme by month for a subtree — purchases, amount, cashback, participants —
 * as a chart and a table, the totals, the share of members taking part, and the XLSX file.
 */
export function BonusPage() {
  useDocumentTitle(`${BONUS_TITLE} — Профреестр`);
  const can = useCan();
  const { filters, set } = useUrlFilters<BonusFilterKey, MonthRangeFilters>(readMonthRange);
  const [metric, setMetric] = useState<BonusMetric>('cashback');
  const allowed = can('bonus:read');
  const stats = useBonusStats(filters, allowed);
  const options = monthOptions(YEARS_BACK, filters.from, filters.to);
  const items = stats.data ? fillMonths(stats.data.items, filters.from, filters.to) : [];

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {BONUS_TITLE}
      </Title>
      {!allowed ? (
        <Text c="dimmed">У вас нет права смотреть статистику программы.</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            Бонусная программа для членов Профсоюза: покупки у партнёров и кэшбэк по месяцам.
          </Text>
          <MonthRangeSelects options={options} filters={filters} onChange={set} />
          <Group gap="xs" align="flex-start">
            <UnderControl under={filters.under} onChange={(under) => set({ under })} />
            <DownloadButton
              href={bonusStatsFileUrl(filters)}
              fileName="PROFCARDS.xlsx"
              label="Выгрузить в XLSX"
              variant="default"
            />
          </Group>
          {stats.isPending ? (
            <PageLoader />
          ) : stats.isError ? (
            <QueryError error={stats.error} onRetry={() => stats.refetch()} />
          ) : (
            <Stack gap="md" style={{ opacity: stats.isPlaceholderData ? 0.6 : 1 }}>
              <BonusTotals stats={stats.data} items={items} />
              <Stack gap="xs" component="section" aria-label="По месяцам">
                <SegmentedControl
                  fullWidth
                  aria-label="Что показать на графике"
                  data={bonusMetrics.map(({ value, label }) => ({ value, label }))}
                  value={metric}
                  onChange={(value) => setMetric(value as BonusMetric)}
                />
                <BonusChart items={items} metric={metric} />
                <BonusTable items={items} />
              </Stack>
            </Stack>
          )}
        </>
      )}
    </Stack>
  );
}
