import { Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ApplicationFilters } from '../applications/application-filters';
import { APPLICATIONS_REFUSAL, APPLICATIONS_TITLE } from '../applications/application-format';
import { ApplicationList } from '../applications/application-list';
import { useApplicationParams } from '../applications/application-params';
import { useCan } from '../auth/use-auth';

/** Applications to join of the caller's subtree, newest first, by state and org. */
export function ApplicationsPage() {
  useDocumentTitle(`${APPLICATIONS_TITLE} — Профреестр`);
  const can = useCan();
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {APPLICATIONS_TITLE}
      </Title>
      {can('application:read') ? (
        <>
          <Text size="sm" c="dimmed">
            Заявления о вступлении в Профсоюз, поданные на сайте и подтверждённые по e-mail.
          </Text>
          <Applications />
        </>
      ) : (
        <Text c="dimmed">{APPLICATIONS_REFUSAL}</Text>
      )}
    </Stack>
  );
}

function Applications() {
  const { filters, set, clear } = useApplicationParams();
  const filtered = Boolean(filters.status || filters.under);
  return (
    <Stack gap="sm">
      <ApplicationFilters filters={filters} set={set} clear={clear} />
      <ApplicationList filters={filters} filtered={filtered} />
    </Stack>
  );
}
