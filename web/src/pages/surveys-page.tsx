import { Button, Group, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router';
import { useSurveys } from '../api/surveys';
import { useCan } from '../auth/use-auth';
import { PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { ASSIGNED_PATH, SURVEYS_PATH, SURVEYS_TITLE } from '../surveys/survey-format';
import { SurveyList } from '../surveys/survey-list';

/** `/surveys`: the subtree's surveys and tests and those published for it from above. */
export function SurveysPage() {
  useDocumentTitle(`${SURVEYS_TITLE} — Профреестр`);
  const can = useCan();
  const surveys = useSurveys();
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {SURVEYS_TITLE}
        </Title>
        <Group gap="xs">
          <Button component={Link} to={ASSIGNED_PATH} variant="default" mih={44}>
            Ответить как председатель
          </Button>
          {can('survey:manage') && (
            <Button component={Link} to={`${SURVEYS_PATH}/new`} mih={44}>
              Новый опрос
            </Button>
          )}
        </Group>
      </Group>
      {surveys.data ? (
        <>
          <SurveyList surveys={surveys.data.pages.flatMap((page) => page.items)} />
          <ShowMore query={surveys} />
        </>
      ) : surveys.isError ? (
        <QueryError error={surveys.error} onRetry={() => surveys.refetch()} />
      ) : (
        <PageLoader />
      )}
    </Stack>
  );
}
