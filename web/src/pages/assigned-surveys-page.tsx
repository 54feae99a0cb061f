import { Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useParams } from 'react-router';
import { isApiError } from '../api/client';
import { useAnswerAssigned, useAssignedSurvey, useAssignedSurveys } from '../api/surveys';
import { PageLoader, QueryError } from '../components/query-state';
import { AssignedSurveyList } from '../surveys/assigned-survey-list';
import { ASSIGNED_PATH, ASSIGNED_TITLE } from '../surveys/survey-format';
import { SurveyRespond } from '../surveys/survey-respond';

/** `/surveys/assigned`: what the chairman of the user's org is asked to answer. */
export function AssignedSurveysPage() {
  useDocumentTitle(`${ASSIGNED_TITLE} — Профреестр`);
  const surveys = useAssignedSurveys();
  return (
    <Stack gap="lg" maw={640}>
      <Title order={1} size="h2">
        {ASSIGNED_TITLE}
      </Title>
      <Text size="sm" c="dimmed">
        Опросы и тесты, на которые приглашён председатель вашей организации.
      </Text>
      {surveys.data ? (
        <AssignedSurveyList
          surveys={surveys.data.items}
          pathOf={(id) => `${ASSIGNED_PATH}/${id}`}
          label="Опросы для ответа"
        />
      ) : surveys.isError ? (
        <QueryError error={surveys.error} onRetry={() => surveys.refetch()} />
      ) : (
        <PageLoader />
      )}
    </Stack>
  );
}

/** `/surveys/assigned/:id`: the chairman's form, the same as a member's. */
export function AssignedSurveyPage() {
  const { id = '' } = useParams();
  const query = useAssignedSurvey(id);
  const answer = useAnswerAssigned(id);
  const survey = query.data;
  useDocumentTitle(`${survey?.title ?? ASSIGNED_TITLE} — Профреестр`);
  if (isApiError(query.error, 404)) {
    return <Text>Опрос не найден: возможно, председателя на него не приглашали.</Text>;
  }
  if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  if (!survey) return <PageLoader />;
  return (
    <Stack maw={640}>
      <SurveyRespond
        survey={survey}
        answer={answer}
        backTo={ASSIGNED_PATH}
        backLabel="Ко всем опросам"
      />
    </Stack>
  );
}
