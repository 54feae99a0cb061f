import { Alert, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import {
  type AssignedSurvey,
  type NormalizedAnswers,
  surveyKindLabels,
} from '@profreestr/contracts';
import type { UseMutationResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { SurveyScore } from '../api/surveys';
import { SurveyAnswerForm } from './survey-answer-form';
import { ALREADY_ANSWERED, stateColors, stateLabels, windowText } from './survey-format';

// One survey for its respondent (the member in the cabinet, the chairman in «Опросы»): the form
// while it is open and unanswered, the score of a test right after, why it takes no answer else.

interface SurveyRespondProps {
  survey: AssignedSurvey;
  answer: UseMutationResult<SurveyScore, unknown, NormalizedAnswers>;
  backTo: string;
  backLabel: string;
}

export function SurveyRespond({ survey, answer, backTo, backLabel }: SurveyRespondProps) {
  const back = (
    <Button component={Link} to={backTo} variant="light" size="md" fullWidth>
      {backLabel}
    </Button>
  );
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Group gap="xs">
          <Badge variant="light">{surveyKindLabels[survey.kind]}</Badge>
          <Badge variant="light" color={stateColors[survey.state]}>
            {stateLabels[survey.state]}
          </Badge>
          {survey.anonymous && (
            <Badge variant="outline" color="gray">
              Анонимно
            </Badge>
          )}
        </Group>
        <Title order={1} size="h2">
          {survey.title}
        </Title>
        <Text size="sm" c="dimmed">
          {windowText(survey.opensAt, survey.closesAt)}
        </Text>
        {survey.anonymous && (
          <Text size="sm" c="dimmed">
            Ответы анонимны: никто не увидит, что ответили именно вы.
          </Text>
        )}
      </Stack>
      {answer.isSuccess ? (
        <Thanks score={answer.data} />
      ) : survey.answered ? (
        <Alert color="blue" role="status" title="Ответ уже принят">
          {ALREADY_ANSWERED}
        </Alert>
      ) : survey.state === 'closed' ? (
        <Alert color="gray" role="status" title="Опрос завершён">
          Ответы больше не принимаются.
        </Alert>
      ) : survey.state === 'upcoming' ? (
        <Alert color="yellow" role="status" title="Опрос ещё не начался">
          Ответить можно {windowText(survey.opensAt, survey.closesAt)}.
        </Alert>
      ) : (
        <SurveyAnswerForm
          questions={survey.questions}
          pending={answer.isPending}
          error={answer.error}
          onSubmit={(answers) => answer.mutate(answers)}
        />
      )}
      {back}
    </Stack>
  );
}

function Thanks({ score }: { score: SurveyScore }) {
  if (score.score !== null && score.max !== null) {
    return (
      <Alert color="green" role="status" title="Тест пройден">
        <Text size="xl" fw={700}>
          Ваш результат: {score.score} / {score.max}
        </Text>
      </Alert>
    );
  }
  return (
    <Alert color="green" role="status" title="Спасибо!">
      Ваши ответы приняты.
    </Alert>
  );
}
