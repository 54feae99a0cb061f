import { Anchor, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { Org } from '@profreestr/contracts';
import { Link, Navigate } from 'react-router';
import { useCompleteness } from '../api/completeness';
import { useOrg } from '../api/orgs';
import { useAuth } from '../auth/use-auth';
import { dashboardUrl } from '../completeness/indicators';
import { ShortPassportSummary } from '../completeness/short-passport-summary';
import { TodoList } from '../completeness/todo-list';
import { PageLoader, QueryError } from '../components/query-state';

export const TODO_TITLE = 'Что заполнить';

/**
 * A primary's chairman starts from what is left to fill in; everyone above a primary starts
 * from the completeness dashboard of their org.
 */
export function HomePage() {
  useDocumentTitle('Главная — Профреестр');
  const { user } = useAuth();
  // The auth guard renders this page only with a user.
  const own = useOrg(user?.orgId ?? '');

  if (own.isError) return <QueryError error={own.error} onRetry={() => own.refetch()} />;
  if (!own.data) return <PageLoader />;
  if (own.data.level !== 'primary') return <Navigate to={dashboardUrl(own.data.id)} replace />;
  return <PrimaryHome org={own.data} />;
}

function PrimaryHome({ org }: { org: Org }) {
  const completeness = useCompleteness(org.id);
  return (
    <Stack gap="lg">
      <Stack gap={4} component="header">
        <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
          {org.name}
        </Title>
        <Anchor component={Link} to={`/orgs/${org.id}`}>
          Паспорт организации
        </Anchor>
      </Stack>
      <Stack gap="xs" component="section" aria-labelledby="todo-title">
        <Title order={2} size="h3" id="todo-title">
          {TODO_TITLE}
        </Title>
        {completeness.isPending && <PageLoader />}
        {completeness.isError && (
          <QueryError error={completeness.error} onRetry={() => completeness.refetch()} />
        )}
        {completeness.data && <TodoList orgId={org.id} data={completeness.data} />}
      </Stack>
      <ShortPassportSummary orgId={org.id} />
    </Stack>
  );
}
