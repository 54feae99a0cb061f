import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router';
import { aidTotalsFileUrl, useAidTotals } from '../api/aid-requests';
import { useCan } from '../auth/use-auth';
import { type MonthRangeFilters, monthOptions, readMonthRange } from '../bonus/bonus-months';
import { MonthRangeSelects } from '../bonus/month-range-selects';
import { DownloadButton } from '../components/download';
import { PageLoader, QueryError } from '../components/query-state';
import { useUrlFilters } from '../components/use-url-filters';
import { UnderControl } from '../orgs/under-control';
import { AidTotalsView } from '../social-support/aid-totals-view';
import { AID_REQUESTS_TITLE, AID_TOTALS_TITLE } from '../social-support/social-format';

/** How far back the month lists reach: the server counts at most 36 months at once. */
const YEARS_BACK = 3;

type TotalsFilterKey = 'from' | 'to' | 'under';

/**
 * `/aid-requests/totals`: aid granted in the subtree by month of the decision and by benefit —
 * approved requests and roubles — with the same figures as an XLSX file.
 */
export function AidTotalsPage() {
  useDocumentTitle(`${AID_TOTALS_TITLE} — Профреестр`);
  const can = useCan();
  const { filters, set } = useUrlFilters<TotalsFilterKey, MonthRangeFilters>(readMonthRange);
  const allowed = can('aid:read');
  const totals = useAidTotals(filters, allowed);
  const options = monthOptions(YEARS_BACK, filters.from, filters.to);

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/aid-requests" size="sm">
        ← {AID_REQUESTS_TITLE}
      </Anchor>
      <Title order={1} size="h2">
        {AID_TOTALS_TITLE}
      </Title>
      {!allowed ? (
        <Text c="dimmed">У вас нет права смотреть обращения за помощью.</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            Одобренные обращения и назначенные суммы по месяцам решения (не больше 36 месяцев).
          </Text>
          <MonthRangeSelects options={options} filters={filters} onChange={set} />
          <Group gap="xs" align="flex-start">
            <UnderControl under={filters.under} onChange={(under) => set({ under })} />
            <DownloadButton
              href={aidTotalsFileUrl(filters)}
              fileName={`Социальная поддержка ${filters.from} — ${filters.to}.xlsx`}
              label="Выгрузить в XLSX"
              variant="default"
            />
          </Group>
          {totals.isPending ? (
            <PageLoader />
          ) : totals.isError ? (
            <QueryError error={totals.error} onRetry={() => totals.refetch()} />
          ) : (
            <div style={{ opacity: totals.isPlaceholderData ? 0.6 : 1 }}>
              <AidTotalsView totals={totals.data} />
            </div>
          )}
        </>
      )}
    </Stack>
  );
}
