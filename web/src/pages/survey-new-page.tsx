import { Anchor, Breadcrumbs, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router';
import { useOrg } from '../api/orgs';
import { useAuth, useCan } from '../auth/use-auth';
import { PageLoader } from '../components/query-state';
import { SurveyBuilder } from '../surveys/survey-builder';
import { SURVEYS_PATH, SURVEYS_TITLE } from '../surveys/survey-format';

const NEW_TITLE = 'Новый опрос';

/** `/surveys/new`: saving makes a draft and opens its page (to publish from). */
export function SurveyNewPage() {
  useDocumentTitle(`${NEW_TITLE} — Профреестр`);
  const can = useCan();
  return (
    <Stack gap="md">
      <nav aria-label="Путь">
        <Breadcrumbs separatorMargin={6}>
          <Anchor component={Link} to={SURVEYS_PATH} size="sm">
            {SURVEYS_TITLE}
          </Anchor>
          <Text size="sm" aria-current="page">
            {NEW_TITLE}
          </Text>
        </Breadcrumbs>
      </nav>
      <Title order={1} size="h2">
        {NEW_TITLE}
      </Title>
      {can('survey:manage') ? (
        <Build />
      ) : (
        <Text c="dimmed">Создавать опросы могут редакторы организации.</Text>
      )}
    </Stack>
  );
}

function Build() {
  const { user } = useAuth();
  // The caller's own org is where the audience starts; if it fails to load, they pick one.
  const own = useOrg(user?.orgId ?? '');
  if (own.isPending && own.fetchStatus !== 'idle') return <PageLoader />;
  return <SurveyBuilder survey={null} org={own.data ?? null} />;
}
