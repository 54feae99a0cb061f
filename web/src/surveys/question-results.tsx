import { Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import type { SurveyResults } from '@profreestr/contracts';
import { useState } from 'react';
import { useSurveyTexts } from '../api/surveys';
import { QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { formatCount, formatPercent } from '../format';

// The results of one question: a bar per option or mark (its count and share of those who
// answered it), a scale's mean, a text question's answers on request.

type QuestionResult = SurveyResults['questions'][number];

const meanFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 });
export const formatMean = (value: number) => meanFormat.format(value);

/** Bars drawn as Mantine progress lines: the label above, the count and share at the right. */
export function CountBars({
  counts,
  total,
  label,
}: {
  counts: Record<string, number>;
  total: number;
  label: string;
}) {
  const entries = Object.entries(counts);
  const top = Math.max(1, ...entries.map(([, n]) => n));
  return (
    <Stack gap="xs" component="ul" aria-label={label} p={0} m={0} style={{ listStyle: 'none' }}>
      {entries.map(([option, n]) => (
        <li key={option} aria-label={`${option}: ${formatCount(n)}`}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm">{option}</Text>
            <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
              {formatCount(n)} · {formatPercent(n, total)}
            </Text>
          </Group>
          <Progress value={(n / top) * 100} size="lg" radius="sm" aria-hidden />
        </li>
      ))}
    </Stack>
  );
}

export function QuestionResultCard({
  surveyId,
  question: q,
  number,
  under,
  suppressed,
}: {
  surveyId: string;
  question: QuestionResult;
  number: number;
  under: string | undefined;
  suppressed: boolean;
}) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={`Вопрос ${number}`}>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {number}. {q.text}
        </Title>
        {q.answered !== null && (
          <Text size="xs" c="dimmed">
            Ответили на вопрос: {formatCount(q.answered)}
          </Text>
        )}
        {q.mean !== null && <Text fw={600}>Среднее: {formatMean(q.mean)}</Text>}
        {q.counts && (
          <CountBars
            counts={q.counts}
            total={q.answered ?? 0}
            label={`Ответы на вопрос ${number}`}
          />
        )}
        {q.type === 'text' && !suppressed && (
          <TextAnswers surveyId={surveyId} question={q.code} under={under} />
        )}
        {suppressed && (
          <Text size="sm" c="dimmed">
            Разбивка скрыта.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function TextAnswers({
  surveyId,
  question,
  under,
}: {
  surveyId: string;
  question: string;
  under: string | undefined;
}) {
  const [shown, setShown] = useState(false);
  if (!shown) {
    return (
      <Button variant="light" mih={44} onClick={() => setShown(true)}>
        Показать ответы
      </Button>
    );
  }
  return <TextList surveyId={surveyId} question={question} under={under} />;
}

function TextList({
  surveyId,
  question,
  under,
}: {
  surveyId: string;
  question: string;
  under: string | undefined;
}) {
  const texts = useSurveyTexts(surveyId, question, under);
  if (texts.isError && !texts.data) return <QueryError error={texts.error} />;
  if (!texts.data) return <Text size="sm">Загрузка…</Text>;
  const pages = texts.data.pages;
  if (pages.some((p) => p.suppressed)) {
    return <Text size="sm">Меньше 5 ответивших — ответы текстом скрыты.</Text>;
  }
  const items = pages.flatMap((p) => p.items);
  if (items.length === 0) return <Text size="sm">Ответов текстом нет.</Text>;
  return (
    <Stack gap="xs">
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.map((item, k) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: answers have no id (they say nothing of their author)
          <li key={k}>
            <Paper bg="gray.0" p="xs">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {item.text}
              </Text>
              {item.respondent && (
                <Text size="xs" c="dimmed">
                  {item.respondent.name}
                </Text>
              )}
            </Paper>
          </li>
        ))}
      </Stack>
      <ShowMore query={texts} />
    </Stack>
  );
}
