import { Anchor, Button, Card, Group, Stack, Text } from '@mantine/core';
import {
  type AidDecision,
  type AidRequest,
  aidRequestStatusLabels,
  benefitKindLabels,
} from '@profreestr/contracts';
import { Link } from 'react-router';
import { type AidRequestParams, useAidRequests } from '../api/aid-requests';
import { cardNumberText } from '../cards/card-format';
import { PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { StatusBadge } from '../components/status-badge';
import { formatDateTime } from '../format';
import { LongText } from './benefit-list';
import { formatRoubles } from './money';
import { aidStatusColors } from './social-format';

const LIST_LABEL = 'Обращения за помощью';

interface AidRequestListProps {
  filters: AidRequestParams;
  onDecide: (request: AidRequest, decision: AidDecision) => void;
}

/** The queue, newest first: whose request, for what, and what was decided. */
export function AidRequestList({ filters, onDecide }: AidRequestListProps) {
  const requests = useAidRequests(filters);
  const items = requests.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Boolean(filters.status || filters.under);

  if (requests.isPending) return <PageLoader />;
  if (requests.isError && items.length === 0) {
    return <QueryError error={requests.error} onRetry={() => requests.refetch()} />;
  }
  return (
    <Stack gap="sm">
      {items.length === 0 ? (
        <Text c="dimmed" role="status">
          {filtered ? 'По этим условиям обращений нет.' : 'Обращений пока нет.'}
        </Text>
      ) : (
        <Stack
          gap="xs"
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={LIST_LABEL}
        >
          {items.map((request) => (
            <AidRequestCard
              key={request.id}
              request={request}
              onDecide={(decision) => onDecide(request, decision)}
            />
          ))}
        </Stack>
      )}
      <ShowMore query={requests} />
    </Stack>
  );
}

interface CardProps {
  request: AidRequest;
  onDecide: (decision: AidDecision) => void;
}

function AidRequestCard({ request, onDecide }: CardProps) {
  const { member, benefit } = request;
  return (
    <Card
      component="li"
      withBorder
      padding="sm"
      radius="md"
      aria-label={`${member.name}: ${benefit.title}`}
    >
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Anchor
            component={Link}
            to={`/members/${member.id}`}
            fw={500}
            style={{ overflowWrap: 'anywhere' }}
          >
            {member.name}
          </Anchor>
          <StatusBadge
            label={aidRequestStatusLabels[request.status]}
            color={aidStatusColors[request.status]}
          />
        </Group>
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          Билет {cardNumberText(member.cardNumber)} · {member.orgName}
        </Text>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          <b>{benefit.title}</b> ({benefitKindLabels[benefit.kind].toLocaleLowerCase('ru-RU')}) ·
          предлагает {benefit.orgName}
        </Text>
        <LongText label="Обращение" text={request.text} />
        {request.amount !== null && (
          <Text size="sm">Запрошено: {formatRoubles(request.amount)}</Text>
        )}
        {request.amountGranted !== null && (
          <Text size="sm" fw={500}>
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
          {request.decidedBy ? ` · ${request.decidedBy}` : ''}
        </Text>
        {request.allowed.decide && (
          <Group gap="xs" mt={4}>
            <Button size="sm" onClick={() => onDecide('approved')}>
              Одобрить
            </Button>
            <Button size="sm" variant="light" color="red" onClick={() => onDecide('rejected')}>
              Отказать
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
