import { Anchor, Card, Group, Stack, Table, Text } from '@mantine/core';
import type { MailingListItem } from '@profreestr/contracts';
import { Link } from 'react-router';
import { useMailings } from '../api/mailings';
import { PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { useWideScreen } from '../components/use-wide-screen';
import { formatCount, formatDateTime } from '../format';
import { audienceText, mailingPath, subjectText } from './mailing-format';
import { MailingStatusBadge } from './mailing-status';

const LABEL = 'Рассылки';

/** Mailings of the caller's subtree, newest first: a table on wide screens, cards on phones. */
export function MailingList() {
  const wide = useWideScreen();
  const mailings = useMailings();
  const items = mailings.data?.pages.flatMap((page) => page.items) ?? [];

  if (mailings.isPending) return <PageLoader />;
  if (mailings.isError && items.length === 0) {
    return <QueryError error={mailings.error} onRetry={() => mailings.refetch()} />;
  }

  return (
    <Stack gap="sm">
      {items.length === 0 && (
        <Text c="dimmed" role="status">
          Рассылок пока нет.
        </Text>
      )}
      {items.length > 0 && wide && (
        <Table.ScrollContainer minWidth={760} type="native">
          <Table striped highlightOnHover withTableBorder verticalSpacing="xs" aria-label={LABEL}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={140}>Создана</Table.Th>
                <Table.Th>Тема</Table.Th>
                <Table.Th w={120} ta="right">
                  Получателей
                </Table.Th>
                <Table.Th w={140}>Отправлена</Table.Th>
                <Table.Th w={130}>Состояние</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((mailing) => (
                <MailingTableRow key={mailing.id} mailing={mailing} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {items.length > 0 && !wide && (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={LABEL}>
          {items.map((mailing) => (
            <MailingCard key={mailing.id} mailing={mailing} />
          ))}
        </Stack>
      )}
      <ShowMore query={mailings} />
    </Stack>
  );
}

function Subject({ mailing }: { mailing: MailingListItem }) {
  return (
    <Anchor
      component={Link}
      to={mailingPath(mailing.id)}
      fw={500}
      size="sm"
      style={{ overflowWrap: 'anywhere' }}
    >
      {subjectText(mailing.subject)}
    </Anchor>
  );
}

const Moment = ({ iso }: { iso: string | null }) =>
  iso ? <time dateTime={iso}>{formatDateTime(iso)}</time> : '—';

function MailingTableRow({ mailing }: { mailing: MailingListItem }) {
  return (
    <Table.Tr data-status={mailing.status}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Moment iso={mailing.createdAt} />
      </Table.Td>
      <Table.Td>
        <Subject mailing={mailing} />
        <Text size="xs" c="dimmed">
          {audienceText(mailing.audience)}
        </Text>
      </Table.Td>
      <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatCount(mailing.recipients.total)}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Moment iso={mailing.sentAt} />
      </Table.Td>
      <Table.Td>
        <MailingStatusBadge status={mailing.status} />
      </Table.Td>
    </Table.Tr>
  );
}

function MailingCard({ mailing }: { mailing: MailingListItem }) {
  return (
    <Card component="li" withBorder padding="sm" radius="md" data-status={mailing.status}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Subject mailing={mailing} />
        </div>
        <MailingStatusBadge status={mailing.status} />
      </Group>
      <Text size="sm" c="dimmed" mt={4}>
        {audienceText(mailing.audience)} · получателей: {formatCount(mailing.recipients.total)}
      </Text>
      <Text size="sm" c="dimmed" mt={2}>
        Создана <Moment iso={mailing.createdAt} />
        {mailing.sentAt && (
          <>
            {' · отправлена '}
            <Moment iso={mailing.sentAt} />
          </>
        )}
      </Text>
    </Card>
  );
}
