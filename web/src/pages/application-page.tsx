import { Anchor, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useParams } from 'react-router';
import { useApplication } from '../api/applications';
import { isApiError } from '../api/client';
import { isOrgId } from '../api/orgs';
import { ApplicationDecision } from '../applications/application-decision';
import { ApplicationFields } from '../applications/application-fields';
import {
  APPLICATIONS_PATH,
  APPLICATIONS_REFUSAL,
  APPLICATIONS_TITLE,
  ApplicationStatusBadge,
  applicantName,
} from '../applications/application-format';
import { useCan } from '../auth/use-auth';
import { PageLoader, QueryError } from '../components/query-state';
import { NotFoundPage } from './not-found-page';

const NOT_FOUND = 'Заявление не найдено';
const BACK = { to: APPLICATIONS_PATH, label: 'К заявлениям' };

/**
 * One application to join (`/applications/:id`): everything the person wrote; for callers
 * with `application:decide`, while it waits, «Принять» (puts the person on record) and
 * «Отклонить» (with a reason the applicant is told).
 */
export function ApplicationPage() {
  const { id } = useParams();
  const can = useCan();
  if (!can('application:read')) return <Refusal />;
  // Application ids are decimal strings like org ids.
  if (!isOrgId(id)) return <NotFoundPage title={NOT_FOUND} back={BACK} />;
  // A new id is a new page: open dialogs and notices go.
  return <ApplicationScreen key={id} id={id} />;
}

function Refusal() {
  useDocumentTitle(`${APPLICATIONS_TITLE} — Профреестр`);
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {APPLICATIONS_TITLE}
      </Title>
      <Text c="dimmed">{APPLICATIONS_REFUSAL}</Text>
    </Stack>
  );
}

function ApplicationScreen({ id }: { id: string }) {
  const query = useApplication(id);
  const can = useCan();
  const name = query.data ? applicantName(query.data) : null;
  useDocumentTitle(`${name ? `Заявление: ${name}` : 'Заявление'} — Профреестр`);

  // Applications outside the caller's subtree answer 404 too, indistinguishable from missing ones.
  if (isApiError(query.error, 404)) return <NotFoundPage title={NOT_FOUND} back={BACK} />;
  if (!query.data) {
    if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
    return <PageLoader />;
  }
  const application = query.data;

  return (
    <Stack gap="md">
      <nav aria-label="Путь">
        <Breadcrumbs separatorMargin={6}>
          <Anchor component={Link} to={APPLICATIONS_PATH} size="sm">
            {APPLICATIONS_TITLE}
          </Anchor>
          <Text size="sm" aria-current="page" style={{ overflowWrap: 'anywhere' }}>
            {name}
          </Text>
        </Breadcrumbs>
      </nav>
      <Stack gap="xs" component="header">
        <Title order={1} size="h3" style={{ overflowWrap: 'anywhere' }}>
          {name}
        </Title>
        <Group gap="xs" aria-live="polite">
          <ApplicationStatusBadge status={application.status} size="md" />
        </Group>
      </Stack>
      {can('application:decide') && <ApplicationDecision application={application} />}
      <ApplicationFields application={application} />
    </Stack>
  );
}
