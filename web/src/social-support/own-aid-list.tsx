import { Card, Group, Stack, Text } from '@mantine/core';
import { aidRequestStatusLabels, type OwnAidRequest } from '@profreestr/contracts';
import { useOwnAidRequests } from '../api/cabinet-aid';
import { isApiError } from '../api/client';
import { PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { StatusBadge } from '../components/status-badge';
import { formatDateTime } from '../format';
import { LongText } from './benefit-list';
import { formatRoubles } from './money';
import { aidStatusColors } from './social-format';

/** «Мои заявления»: each request with its status, the sum granted and the decision's words. */
export function OwnAidList() {
  const requests = useOwnAidRequests();
  const items = requests.data?.pages.flatMap((page) => page.items) ?? [];
  // A 401 leads to the sign-in (the layout); nothing to show meanwhile.
  if (requests.isPending || isApiError(requests.error, 401)) return <PageLoader />;
  if (requests.isError && items.length === 0) {
    return <QueryError error={requests.error} onRetry={() => requests.refetch()} />;
  }
  if (items.length === 0) {
    return <Text c="dimmed">Вы ещё не подавали заявлений.</Text>;
  }
  return (
    <Stack gap="sm">
      <Stack
        gap="xs"
        component="ul"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-label="Мои заявления"
      >
        {items.map((request) => (
          <OwnAidCard key={request.id} request={request} />
        ))}
      </Stack>
      <ShowMore query={requests} />
    </Stack>
  );
}

function OwnAidCard({ request }: { request: OwnAidRequest }) {
  return (
    <Card component="li" withBorder padding="sm" radius="md" aria-label={request.benefit.title}>
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
            {request.benefit.title}
          </Text>
          <StatusBadge
            label={aidRequestStatusLabels[request.status]}
            color={aidStatusColors[request.status]}
          />
        </Group>
        <LongText label="Заявление" text={request.text} />
        {request.amount !== null && <Text size="sm">Просили: {formatRoubles(request.amount)}</Text>}
        {request.amountGranted !== null && (
          <Text size="sm" fw={600}>
            Назначено: {formatRoubles(request.amountGranted)}
          </Text>
        )}
        <LongText
          label={request.status === 'rejected' ? 'Причина отказа' : 'Комментарий'}
          text={request.comment}
        />
        <Text size="xs" c="dimmed">
          Подано {formatDateTime(request.createdAt)}
          {request.decidedAt ? ` · решение ${formatDateTime(request.decidedAt)}` : ''}
        </Text>
      </Stack>
    </Card>
  );
}
