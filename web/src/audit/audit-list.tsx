import { Stack, Table, Text } from '@mantine/core';
import type { AuditEntry } from '@profreestr/contracts';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { Page } from '../api/orgs';
import { PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { useWideScreen } from '../components/use-wide-screen';
import { AuditCard, AuditTableRow } from './audit-entry';

interface AuditListProps {
  query: UseInfiniteQueryResult<InfiniteData<Page<AuditEntry>>>;
  /** The accessible name of the table or list. */
  label: string;
  /** When there are no entries at all. */
  empty: string;
  showTarget?: boolean;
}

/** Audit entries, newest first: a table on wide screens, cards on phones; «Показать ещё». */
export function AuditList({ query, label, empty, showTarget = true }: AuditListProps) {
  const wide = useWideScreen();
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];

  if (query.isPending) return <PageLoader />;
  if (query.isError && items.length === 0) {
    return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  }

  return (
    <Stack gap="sm">
      {items.length === 0 && (
        <Text c="dimmed" role="status">
          {empty}
        </Text>
      )}
      {items.length > 0 && wide && (
        <Table.ScrollContainer minWidth={showTarget ? 860 : 680} type="native">
          <Table striped highlightOnHover withTableBorder verticalSpacing="xs" aria-label={label}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={170}>Дата и время</Table.Th>
                <Table.Th w={140}>Пользователь</Table.Th>
                <Table.Th w={130}>IP-адрес</Table.Th>
                <Table.Th>Действие</Table.Th>
                {showTarget && <Table.Th w={190}>Объект</Table.Th>}
                <Table.Th w={110}>Результат</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((entry) => (
                <AuditTableRow key={entry.id} entry={entry} showTarget={showTarget} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {items.length > 0 && !wide && (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={label}>
          {items.map((entry) => (
            <AuditCard key={entry.id} entry={entry} showTarget={showTarget} />
          ))}
        </Stack>
      )}
      <ShowMore query={query} />
    </Stack>
  );
}
