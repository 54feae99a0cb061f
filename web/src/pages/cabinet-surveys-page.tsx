import { Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useParams } from 'react-router';
import {
  useAnswerCabinetSurvey,
  useCabinetSurvey,
  useCabinetSurveys,
} from '../api/cabinet-surveys';
import { isApiError } from '../api/client';
import { PageLoader, QueryError } from '../components/query-state';
import { AssignedSurveyList } from '../surveys/assigned-survey-list';
import { CABINET_SURVEYS_PATH, CABINET_SURVEYS_TITLE } from '../surveys/survey-format';
import { SurveyRespond } from '../surveys/survey-respond';

/** `/cabinet/surveys` (the `survey_invitation` letter links here): what the member is asked. */
export function CabinetSurveysPage() {
  useDocumentTitle(`${CABINET_SURVEYS_TITLE} — Профреестр`);
  const surveys = useCabinetSurveys();
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {CABINET_SURVEYS_TITLE}
      </Title>
      {surveys.data ? (
        <AssignedSurveyList
          surveys={surveys.data.items}
          pathOf={(id) => `${CABINET_SURVEYS_PATH}/${id}`}
          label="Мои опросы"
        />
      ) : surveys.isError ? (
        <QueryError error={surveys.error} onRetry={() => surveys.refetch()} />
      ) : (
        <PageLoader />
      )}
    </Stack>
  );
}

/** `/cabinet/surveys/:id`: the member's form (the survey carries the questions). */
export function CabinetSurveyPage() {
  const { id = '' } = useParams();
  const query = useCabinetSurvey(id);
  const answer = useAnswerCabinetSurvey(id);
  const survey = query.data;
  useDocumentTitle(`${survey?.title ?? CABINET_SURVEYS_TITLE} — Профреестр`);
  if (isApiError(query.error, 404)) {
    return <Text>Опрос не найден: возможно, вас на него не приглашали.</Text>;
  }
  if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  if (!survey) return <PageLoader />;
  return (
    <SurveyRespond
      survey={survey}
      answer={answer}
      backTo={CABINET_SURVEYS_PATH}
      backLabel="Ко всем опросам"
    />
  );
}
