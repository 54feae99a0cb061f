import { Anchor, Badge, Breadcrumbs, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { type Survey, surveyKindLabels } from '@profreestr/contracts';
import { Link, useParams } from 'react-router';
import { useOrg } from '../api/orgs';
import { useSurvey } from '../api/surveys';
import { PageLoader, QueryError } from '../components/query-state';
import { formatCount } from '../format';
import { PublishSurvey } from '../surveys/publish-survey';
import { SurveyAnswerForm } from '../surveys/survey-answer-form';
import { SurveyBuilder } from '../surveys/survey-builder';
import {
  resultsPath,
  SURVEYS_PATH,
  SURVEYS_TITLE,
  stateColors,
  stateLabels,
  statusLabels,
  windowText,
} from '../surveys/survey-format';
import classes from '../surveys/surveys.module.css';

/** `/surveys/:id`: the builder for who may manage surveys, the questions as shown for others. */
export function SurveyPage() {
  const { id = '' } = useParams();
  const survey = useSurvey(id);
  useDocumentTitle(`${survey.data?.title ?? SURVEYS_TITLE} — Профреестр`);
  return (
    <Stack gap="md">
      <nav aria-label="Путь">
        <Breadcrumbs separatorMargin={6}>
          <Anchor component={Link} to={SURVEYS_PATH} size="sm">
            {SURVEYS_TITLE}
          </Anchor>
          <Text size="sm" aria-current="page">
            {survey.data?.title ?? 'Опрос'}
          </Text>
        </Breadcrumbs>
      </nav>
      {survey.data ? (
        <Loaded survey={survey.data} />
      ) : survey.isError ? (
        <QueryError error={survey.error} onRetry={() => survey.refetch()} />
      ) : (
        <PageLoader />
      )}
    </Stack>
  );
}

function Loaded({ survey }: { survey: Survey }) {
  // The server says whether this survey is the caller's to change (made for their subtree).
  const manage = survey.allowed.manage;
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {survey.title}
        </Title>
        <Group gap="xs">
          <Badge variant="light">{surveyKindLabels[survey.kind]}</Badge>
          <Badge variant="light" color={stateColors[survey.state]}>
            {stateLabels[survey.state]}
          </Badge>
          {survey.status === 'publishing' && (
            <Badge color="yellow">{statusLabels.publishing}</Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {survey.orgName} · {windowText(survey.opensAt, survey.closesAt)}
        </Text>
        <Text size="sm">
          {survey.status === 'draft'
            ? `Аудитория сейчас: ${formatCount(survey.audienceCount)}`
            : `Приглашено ${formatCount(survey.invited)}, ответили ${formatCount(survey.respondents)}`}
        </Text>
      </Stack>
      <Group gap="xs">
        {survey.status !== 'draft' && (
          <Button component={Link} to={resultsPath(survey.id)} variant="light" mih={44}>
            Итоги
          </Button>
        )}
        {manage && survey.status === 'draft' && <PublishSurvey survey={survey} />}
      </Group>
      {manage ? <Edit survey={survey} /> : <ReadOnly survey={survey} />}
    </Stack>
  );
}

/** The builder, once the org its audience is under has loaded (the picker shows it). */
function Edit({ survey }: { survey: Survey }) {
  const org = useOrg(survey.audience.under);
  if (org.isPending && org.fetchStatus !== 'idle') return <PageLoader />;
  // Keyed by the survey's state: after publishing the builder starts again, locked.
  return <SurveyBuilder key={survey.status} survey={survey} org={org.data ?? null} />;
}

/** The questions as respondents see them. */
function ReadOnly({ survey }: { survey: Survey }) {
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        Вопросы
      </Title>
      <div className={classes.phone}>
        <SurveyAnswerForm questions={survey.questions} preview />
      </div>
    </Stack>
  );
}
