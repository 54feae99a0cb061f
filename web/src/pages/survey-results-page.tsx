import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Group,
  Paper,
  Progress,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { Survey, SurveyResults } from '@profreestr/contracts';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client';
import {
  surveyFileHref,
  useRemindSurvey,
  useSurvey,
  useSurveyResultChildren,
  useSurveyResults,
} from '../api/surveys';
import { DownloadButton } from '../components/download';
import { errorMessage, PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { useUnderParam } from '../components/use-under-param';
import { formatCount, formatPercent } from '../format';
import { CountBars, formatMean, QuestionResultCard } from '../surveys/question-results';
import { resultsPath, SURVEYS_PATH, SURVEYS_TITLE, surveyPath } from '../surveys/survey-format';

export const SUPPRESSED_NOTE = 'Меньше 5 ответивших — разбивка скрыта';

/** `/surveys/:id/results?under=`: the response rate, the answers by question, the drill-down. */
export function SurveyResultsPage() {
  const { id = '' } = useParams();
  const { under } = useUnderParam();
  const survey = useSurvey(id);
  const results = useSurveyResults(id, under);
  const title = survey.data?.title ?? 'Опрос';
  useDocumentTitle(`Итоги: ${title} — Профреестр`);
  return (
    <Stack gap="md" maw={720}>
      <nav aria-label="Путь">
        <Breadcrumbs separatorMargin={6}>
          <Anchor component={Link} to={SURVEYS_PATH} size="sm">
            {SURVEYS_TITLE}
          </Anchor>
          <Anchor component={Link} to={surveyPath(id)} size="sm">
            {title}
          </Anchor>
          <Text size="sm" aria-current="page">
            Итоги
          </Text>
        </Breadcrumbs>
      </nav>
      <Title order={1} size="h2">
        Итоги: {title}
      </Title>
      {survey.data && <Actions survey={survey.data} under={under} />}
      {results.data ? (
        <Loaded surveyId={id} results={results.data} under={under} />
      ) : results.isError ? (
        <QueryError error={results.error} onRetry={() => results.refetch()} />
      ) : (
        <PageLoader />
      )}
    </Stack>
  );
}

function Actions({ survey, under }: { survey: Survey; under: string | undefined }) {
  const remind = useRemindSurvey(survey.id);
  return (
    <Stack gap="xs">
      <Group gap="xs" align="flex-start">
        <DownloadButton
          href={surveyFileHref(survey.id, under)}
          fileName={`Итоги опроса ${survey.id}.xlsx`}
          label="Скачать XLSX"
          variant="default"
          mih={44}
        />
        {survey.allowed.manage && survey.status === 'published' && survey.state === 'open' && (
          <Button
            variant="light"
            mih={44}
            loading={remind.isPending}
            onClick={() => remind.mutate()}
          >
            Напомнить
          </Button>
        )}
      </Group>
      {remind.isSuccess && (
        <Text size="sm" c="teal.8" role="status">
          Напоминание поставлено в очередь: {formatCount(remind.data.queued)}.
        </Text>
      )}
      {remind.isError && (
        <Alert color={isApiError(remind.error, 409) ? 'yellow' : 'red'} role="alert">
          {isApiError(remind.error, 409) ? 'Напомнить пока нельзя. ' : ''}
          {errorMessage(remind.error)}
        </Alert>
      )}
    </Stack>
  );
}

function Loaded({
  surveyId,
  results,
  under,
}: {
  surveyId: string;
  results: SurveyResults;
  under: string | undefined;
}) {
  return (
    <Stack gap="md">
      <Paper withBorder p="md" radius="md" component="section" aria-label="Отклик">
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {results.org.name}
            {under && (
              <>
                {' · '}
                <Anchor component={Link} to={resultsPath(surveyId)} size="sm">
                  ко всей организации
                </Anchor>
              </>
            )}
          </Text>
          <Text size="lg" fw={700}>
            Ответили {formatCount(results.respondents)} из {formatCount(results.invited)} —{' '}
            {formatPercent(results.respondents, results.invited)}
          </Text>
          <Progress
            value={results.invited > 0 ? (results.respondents / results.invited) * 100 : 0}
            size="xl"
            aria-label="Доля ответивших"
          />
        </Stack>
      </Paper>
      {results.suppressed && (
        <Alert color="gray" role="status" title={SUPPRESSED_NOTE}>
          Чтобы по ответам нельзя было узнать человека, итоги по вопросам здесь не показываются.
        </Alert>
      )}
      {results.heldBack > 0 && !results.suppressed && (
        <Alert
          color="gray"
          role="status"
          title={`Ещё не в итогах: ${formatCount(results.heldBack)}`}
        >
          Анонимные ответы попадают в итоги по пять из одной организации, остальные — после закрытия
          опроса: так ответ нельзя сопоставить со временем, когда человек ответил.
        </Alert>
      )}
      {results.scores && !results.suppressed && (
        <Paper withBorder p="md" radius="md" component="section" aria-label="Баллы теста">
          <Stack gap="sm">
            <Title order={2} size="h4">
              Баллы теста
            </Title>
            <Text>
              Наименьший {results.scores.min}, средний {formatMean(results.scores.mean)}, наибольший{' '}
              {results.scores.max} из {results.scores.maxPossible}
            </Text>
            <CountBars
              counts={results.scores.distribution}
              total={results.respondents}
              label="Сколько набрали баллов"
            />
          </Stack>
        </Paper>
      )}
      {!results.suppressed &&
        results.questions.map((q, i) => (
          <QuestionResultCard
            key={q.code}
            surveyId={surveyId}
            question={q}
            number={i + 1}
            under={under}
            suppressed={results.suppressed}
          />
        ))}
      <Children surveyId={surveyId} under={under} />
    </Stack>
  );
}

/** The orgs one level down: their response rate, a link into each (the drill-down). */
function Children({ surveyId, under }: { surveyId: string; under: string | undefined }) {
  const children = useSurveyResultChildren(surveyId, under);
  const rows = children.data?.pages.flatMap((p) => p.items) ?? [];
  if (children.isError && !children.data) return <QueryError error={children.error} />;
  if (rows.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="survey-children">
      <Title order={2} size="h4" id="survey-children">
        По организациям
      </Title>
      <Table.ScrollContainer minWidth={320}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Организация</Table.Th>
              <Table.Th ta="right">Ответили</Table.Th>
              <Table.Th ta="right">Отклик</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.org.id}>
                <Table.Td>
                  <Anchor component={Link} to={`${resultsPath(surveyId)}?under=${row.org.id}`}>
                    {row.org.name}
                  </Anchor>
                  {row.suppressed && (
                    <Text size="xs" c="dimmed">
                      {SUPPRESSED_NOTE}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  {formatCount(row.respondents)} из {formatCount(row.invited)}
                </Table.Td>
                <Table.Td ta="right">{formatPercent(row.respondents, row.invited)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ShowMore query={children} />
    </Stack>
  );
}
