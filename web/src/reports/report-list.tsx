import { Anchor, Card, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { type ReportListItem, type ReportParams, reportPath, useReports } from '../api/reports';
import { PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { useWideScreen } from '../components/use-wide-screen';
import { formatDateTime } from '../format';
import { formatDate } from '../passport/field-model';
import { ReportStatusBadge } from './report-format';

const LABEL = 'Отчёты';

/** Reports of the subtree: a table on wide screens, cards on phones; «Показать ещё» pages on. */
export function ReportList({ filters, filtered }: { filters: ReportParams; filtered: boolean }) {
  const wide = useWideScreen();
  const reports = useReports(filters);
  const items = reports.data?.pages.flatMap((page) => page.items) ?? [];

  if (reports.isPending) return <PageLoader />;
  if (reports.isError && items.length === 0) {
    return <QueryError error={reports.error} onRetry={() => reports.refetch()} />;
  }

  return (
    <Stack gap="sm">
      {items.length === 0 && (
        <Text c="dimmed" role="status">
          {filtered ? 'Отчётов не найдено.' : 'Отчётов пока нет.'}
        </Text>
      )}
      {items.length > 0 && wide && (
        <Table.ScrollContainer minWidth={760} type="native">
          <Table striped highlightOnHover withTableBorder verticalSpacing="xs" aria-label={LABEL}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Организация</Table.Th>
                <Table.Th w={90}>Форма</Table.Th>
                <Table.Th w={130}>На дату</Table.Th>
                <Table.Th w={130}>Срок сдачи</Table.Th>
                <Table.Th w={150}>Изменён</Table.Th>
                <Table.Th w={120}>Состояние</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((report) => (
                <Table.Tr key={report.id} data-status={report.status}>
                  <Table.Td>
                    <Name report={report} />
                  </Table.Td>
                  <Table.Td>{report.formCode}</Table.Td>
                  <Table.Td>{formatDate(report.asOf)}</Table.Td>
                  <Table.Td>{formatDate(report.deadline)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Updated report={report} />
                  </Table.Td>
                  <Table.Td>
                    <ReportStatusBadge status={report.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {items.length > 0 && !wide && (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={LABEL}>
          {items.map((report) => (
            <Card
              key={report.id}
              component="li"
              withBorder
              padding="sm"
              radius="md"
              data-status={report.status}
            >
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                <div style={{ minWidth: 0 }}>
                  <Name report={report} />
                </div>
                <ReportStatusBadge status={report.status} />
              </Group>
              <Text size="sm" c="dimmed" mt={4}>
                Форма {report.formCode} на {formatDate(report.asOf)} · сдать до{' '}
                {formatDate(report.deadline)}
              </Text>
              <Text size="sm" c="dimmed" mt={2}>
                Изменён <Updated report={report} />
              </Text>
            </Card>
          ))}
        </Stack>
      )}
      <ShowMore query={reports} />
    </Stack>
  );
}

function Name({ report }: { report: ReportListItem }) {
  return (
    <Anchor
      component={Link}
      to={reportPath(report.id)}
      fw={500}
      size="sm"
      style={{ overflowWrap: 'anywhere' }}
    >
      {report.orgName}
    </Anchor>
  );
}

const Updated = ({ report }: { report: ReportListItem }) => (
  <time dateTime={report.updatedAt}>{formatDateTime(report.updatedAt)}</time>
);
