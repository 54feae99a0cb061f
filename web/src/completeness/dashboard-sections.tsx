import { Card, Stack, Text, Title } from '@mantine/core';
import { type Indicator, indicatorLabels, isIndicator } from '@profreestr/contracts';
import { useSearchParams } from 'react-router';
import { TREND_DAYS, useCompletenessChildren, useCompletenessTrend } from '../api/completeness';
import { PageLoader, QueryError } from '../components/query-state';
import { ChildrenTable } from './children-table';
import { IndicatorSelect } from './indicator-select';
import { ShareBars } from './share-bars';
import { TrendChart } from './trend-chart';

const INDICATOR_PARAM = 'indicator';
const DEFAULT_INDICATOR: Indicator = 'duesRate';

/** The children's table: every child org's filled share of each indicator. */
export function ChildrenSection({ orgId }: { orgId: string }) {
  const children = useCompletenessChildren(orgId);
  return (
    <Stack gap="xs" component="section" aria-labelledby="children-title">
      <Title order={2} size="h3" id="children-title">
        Подчинённые организации
      </Title>
      {children.isPending && <PageLoader />}
      {children.isError && <QueryError error={children.error} onRetry={() => children.refetch()} />}
      {children.data?.length === 0 && <Text c="dimmed">Подчинённых организаций нет.</Text>}
      {children.data && children.data.length > 0 && (
        <>
          <Text size="xs" c="dimmed">
            Доля заполненных записей. Нажмите на заголовок столбца, чтобы отсортировать.
          </Text>
          <ChildrenTable items={children.data} />
        </>
      )}
    </Stack>
  );
}

/** One indicator across the children (bars) and over time (the org's line); not for primaries. */
export function ChartsSection({ orgId }: { orgId: string }) {
  const [params, setParams] = useSearchParams();
  const requested = params.get(INDICATOR_PARAM);
  const indicator = isIndicator(requested) ? requested : DEFAULT_INDICATOR;

  // In the URL: a reload or a shared link shows the same indicator.
  const onChange = (value: Indicator) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === DEFAULT_INDICATOR) next.delete(INDICATOR_PARAM);
        else next.set(INDICATOR_PARAM, value);
        return next;
      },
      { replace: true },
    );

  return (
    <Stack gap="md" component="section" aria-labelledby="charts-title">
      <Title order={2} size="h3" id="charts-title">
        Показатель в разрезе
      </Title>
      <IndicatorSelect value={indicator} onChange={onChange} />
      <BarsCard orgId={orgId} indicator={indicator} />
      <TrendCard orgId={orgId} indicator={indicator} />
    </Stack>
  );
}

function BarsCard({ orgId, indicator }: { orgId: string; indicator: Indicator }) {
  const children = useCompletenessChildren(orgId);
  if (!children.data || children.data.length === 0) return null;
  return (
    <Card withBorder padding="sm" radius="md">
      <Title order={3} size="h5" mb="xs">
        По подчинённым организациям: {indicatorLabels[indicator]}
      </Title>
      <ShareBars items={children.data} indicator={indicator} />
    </Card>
  );
}

function TrendCard({ orgId, indicator }: { orgId: string; indicator: Indicator }) {
  const trend = useCompletenessTrend(orgId);
  return (
    <Card withBorder padding="sm" radius="md">
      <Title order={3} size="h5" mb="xs">
        Динамика за {TREND_DAYS} дней: {indicatorLabels[indicator]}
      </Title>
      {trend.isPending && <PageLoader />}
      {trend.isError && <QueryError error={trend.error} onRetry={() => trend.refetch()} />}
      {trend.data && <TrendChart trend={trend.data} indicator={indicator} />}
    </Card>
  );
}
