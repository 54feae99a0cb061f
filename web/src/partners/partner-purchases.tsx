import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { formatKopecks, type Purchase, purchaseStatusLabels } from '@profreestr/contracts';
import { usePartnerPurchases } from '../api/partners';
import { PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { StatusBadge } from '../components/status-badge';
import { formatDateTime } from '../format';
import { formatRate, purchaseStatusColors } from './partner-format';

/** The partner's purchases, newest first, keyset-paged; card numbers masked by the server. */
export function PartnerPurchases({ partnerId }: { partnerId: string }) {
  const purchases = usePartnerPurchases(partnerId);
  const items = purchases.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="sm" component="section" aria-labelledby="partner-purchases">
      <Title order={2} size="h4" id="partner-purchases">
        Покупки
      </Title>
      {purchases.isPending ? (
        <PageLoader />
      ) : purchases.isError && items.length === 0 ? (
        <QueryError error={purchases.error} onRetry={() => purchases.refetch()} />
      ) : items.length === 0 ? (
        <Text c="dimmed" role="status">
          Покупок пока нет.
        </Text>
      ) : (
        <Stack
          gap="xs"
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label="Покупки партнёра"
        >
          {items.map((purchase) => (
            <PurchaseRow key={purchase.id} purchase={purchase} />
          ))}
        </Stack>
      )}
      <ShowMore query={purchases} />
    </Stack>
  );
}

function PurchaseRow({ purchase }: { purchase: Purchase }) {
  return (
    <Card component="li" withBorder padding="sm" radius="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Text fw={500} style={{ whiteSpace: 'nowrap' }}>
          {formatKopecks(purchase.amount)}
        </Text>
        <StatusBadge
          label={purchaseStatusLabels[purchase.status]}
          color={purchaseStatusColors[purchase.status]}
        />
      </Group>
      <Text size="sm">
        Кэшбэк {formatKopecks(purchase.cashback)} ({formatRate(purchase.cashbackPercent)}) · карта{' '}
        {purchase.cardNumber}
      </Text>
      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {formatDateTime(purchase.purchasedAt)} · № {purchase.externalId}
      </Text>
    </Card>
  );
}
