import { Anchor, Breadcrumbs, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router';
import { useOrg } from '../api/orgs';
import { useAuth, useCan } from '../auth/use-auth';
import { PageLoader } from '../components/query-state';
import { COMPOSE_TITLE, MailingForm } from '../mailings/mailing-form';
import { COMPOSE_REFUSAL, MAILINGS_PATH, MAILINGS_TITLE } from '../mailings/mailing-format';

/** The compose form (`/mailings/new`): saving makes a draft and opens its page. */
export function MailingNewPage() {
  useDocumentTitle(`${COMPOSE_TITLE} — Профреестр`);
  const can = useCan();
  return (
    <Stack gap="md">
      <nav aria-label="Путь">
        <Breadcrumbs separatorMargin={6}>
          <Anchor component={Link} to={MAILINGS_PATH} size="sm">
            {MAILINGS_TITLE}
          </Anchor>
          <Text size="sm" aria-current="page">
            {COMPOSE_TITLE}
          </Text>
        </Breadcrumbs>
      </nav>
      <Title order={1} size="h2">
        {COMPOSE_TITLE}
      </Title>
      {can('mailing:create') ? <Compose /> : <Text c="dimmed">{COMPOSE_REFUSAL}</Text>}
    </Stack>
  );
}

function Compose() {
  const { user } = useAuth();
  // The caller's own org is where the audience starts; if it fails to load, they pick one.
  const own = useOrg(user?.orgId ?? '');
  if (own.isPending && own.fetchStatus !== 'idle') return <PageLoader />;
  return <MailingForm ownOrg={own.data ?? null} />;
}
