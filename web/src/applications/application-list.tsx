import { Anchor, Card, Group, Stack, Table, Text } from '@mantine/core';
import { type Application, memberCategoryLabels } from '@profreestr/contracts';
import { Link } from 'react-router';
import { type ApplicationParams, applicationPath, useApplications } from '../api/applications';
import { PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { useWideScreen } from '../components/use-wide-screen';
import { formatDateTime } from '../format';
import { formatDate } from '../passport/field-model';
import { ApplicationStatusBadge, applicantName, submittedAt } from './application-format';

const LABEL = 'Заявления';

/** Applications of the subtree, newest first: a table on wide screens, cards on phones. */
export function ApplicationList({
  filters,
  filtered,
}: {
  filters: ApplicationParams;
  filtered: boolean;
}) {
  const wide = useWideScreen();
  const applications = useApplications(filters);
  const items = applications.data?.pages.flatMap((page) => page.items) ?? [];

  if (applications.isPending) return <PageLoader />;
  if (applications.isError && items.length === 0) {
    return <QueryError error={applications.error} onRetry={() => applications.refetch()} />;
  }

  return (
    <Stack gap="sm">
      {items.length === 0 && (
        <Text c="dimmed" role="status">
          {filtered ? 'Заявлений не найдено.' : 'Заявлений пока нет.'}
        </Text>
      )}
      {items.length > 0 && wide && (
        <Table.ScrollContainer minWidth={820} type="native">
          <Table striped highlightOnHover withTableBorder verticalSpacing="xs" aria-label={LABEL}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>ФИО</Table.Th>
                <Table.Th w={120}>Дата рождения</Table.Th>
                <Table.Th>Организация</Table.Th>
                <Table.Th w={170}>Категория</Table.Th>
                <Table.Th w={140}>Подано</Table.Th>
                <Table.Th w={130}>Состояние</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((application) => (
                <ApplicationTableRow key={application.id} application={application} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {items.length > 0 && !wide && (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={LABEL}>
          {items.map((application) => (
            <ApplicationCard key={application.id} application={application} />
          ))}
        </Stack>
      )}
      <ShowMore query={applications} />
    </Stack>
  );
}

function Name({ application }: { application: Application }) {
  return (
    <Anchor
      component={Link}
      to={applicationPath(application.id)}
      fw={500}
      size="sm"
      style={{ overflowWrap: 'anywhere' }}
    >
      {applicantName(application)}
    </Anchor>
  );
}

const Submitted = ({ application }: { application: Application }) => {
  const iso = submittedAt(application);
  return <time dateTime={iso}>{formatDateTime(iso)}</time>;
};

function ApplicationTableRow({ application }: { application: Application }) {
  return (
    <Table.Tr data-status={application.status}>
      <Table.Td>
        <Name application={application} />
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(application.birthDate)}</Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{application.orgName}</Table.Td>
      <Table.Td>{memberCategoryLabels[application.category]}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Submitted application={application} />
      </Table.Td>
      <Table.Td>
        <ApplicationStatusBadge status={application.status} />
      </Table.Td>
    </Table.Tr>
  );
}

function ApplicationCard({ application }: { application: Application }) {
  return (
    <Card component="li" withBorder padding="sm" radius="md" data-status={application.status}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Name application={application} />
        </div>
        <ApplicationStatusBadge status={application.status} />
      </Group>
      <Text size="sm" mt={4} style={{ overflowWrap: 'anywhere' }}>
        {application.orgName}
      </Text>
      <Text size="sm" c="dimmed" mt={2}>
        {memberCategoryLabels[application.category]} · {formatDate(application.birthDate)} г. р.
      </Text>
      <Text size="sm" c="dimmed" mt={2}>
        Подано <Submitted application={application} />
      </Text>
    </Card>
  );
}
