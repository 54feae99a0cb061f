import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { formatKopecks } from '@profreestr/contracts';
import { Link } from 'react-router';
import { useBonusStats } from '../api/bonus';
import { errorMessage, PageLoader } from '../components/query-state';
import { formatCount, formatPercent } from '../format';
import { BonusChart } from './bonus-chart';
import { bonusUrl, defaultRange, fillMonths, totalsOf } from './bonus-months';

/** The dashboard's small PROFCARDS card: the last 12 months' cashback and the totals. */
export function BonusDashboardCard({ orgId }: { orgId: string }) {
  const range = defaultRange();
  const stats = useBonusStats({ ...range, under: orgId });
  const items = stats.data ? fillMonths(stats.data.items, range.from, range.to) : [];
  const totals = totalsOf(items);

  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby="bonus-card">
      <Stack gap="xs">
        <Title order={2} size="h4" id="bonus-card">
          PROFCARDS за 12 месяцев
        </Title>
        {stats.isPending && <PageLoader />}
        {stats.isError && (
          <Text size="sm" c="red.8" role="alert">
            {errorMessage(stats.error)}
          </Text>
        )}
        {stats.data && (
          <>
            <Text size="sm">
              Покупок: <b>{formatCount(totals.purchases)}</b> на{' '}
              <b>{formatKopecks(totals.amount)}</b>, кэшбэк <b>{formatKopecks(totals.cashback)}</b>
            </Text>
            <Text size="sm" c="dimmed">
              В программе {formatPercent(stats.data.programmeMembers, stats.data.members)} членов
              Профсоюза
            </Text>
            <BonusChart items={items} metric="cashback" height={140} />
          </>
        )}
        <Anchor component={Link} to={bonusUrl(orgId)} size="sm">
          Вся статистика PROFCARDS
        </Anchor>
      </Stack>
    </Card>
  );
}
