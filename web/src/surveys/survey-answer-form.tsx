import {
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Radio,
  Stack,
  Text,
  Textarea,
  UnstyledButton,
} from '@mantine/core';
import {
  type AnswerValue,
  checkAnswers,
  MAX_TEXT_ANSWER,
  type NormalizedAnswers,
  type PublicQuestion,
} from '@profreestr/contracts';
import { type FormEvent, useId, useState } from 'react';
import { isApiError } from '../api/client';
import { errorMessage } from '../components/query-state';
import { answerRefusal } from './survey-format';
import classes from './surveys.module.css';

// The respondent's form on a phone: one card per question — radio buttons for one option,
// checkboxes for several, a text box, a row of marks for a short scale (a number box for a long
// one). Checked in the browser by the contract's own rules before anything is sent.

/** A scale longer than this many marks is typed (its buttons would not fit a phone). */
const SCALE_BUTTONS_MAX = 11;

type Problems = Record<string, string>;

interface SurveyAnswerFormProps {
  questions: readonly PublicQuestion[];
  /** The builder's preview: the form as respondents see it, nothing is sent. */
  preview?: boolean;
  pending?: boolean;
  /** The server's refusal of the last attempt. */
  error?: unknown;
  onSubmit?: (answers: NormalizedAnswers) => void;
}

/** The server's `422` details by question code (`answers.<code>`), and what names none. */
function serverProblems(error: unknown): { byCode: Problems; general: string | null } {
  if (!error) return { byCode: {}, general: null };
  const refusal = answerRefusal(error);
  if (refusal) return { byCode: {}, general: refusal };
  if (!isApiError(error, 422)) return { byCode: {}, general: errorMessage(error) };
  const byCode: Problems = {};
  for (const { field, message } of error.details) {
    const code = field.startsWith('answers.') ? field.slice('answers.'.length) : null;
    if (code && !byCode[code]) byCode[code] = message;
  }
  return { byCode, general: Object.keys(byCode).length > 0 ? null : error.message };
}

export function SurveyAnswerForm({
  questions,
  preview = false,
  pending = false,
  error,
  onSubmit,
}: SurveyAnswerFormProps) {
  const [answers, setAnswers] = useState<Record<string, AnswerValue>>({});
  const [problems, setProblems] = useState<Problems>({});
  const server = serverProblems(error);
  const shown = { ...server.byCode, ...problems };

  const set = (code: string, value: AnswerValue) => {
    setAnswers((current) => ({ ...current, [code]: value }));
    setProblems(({ [code]: _gone, ...rest }) => rest);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (preview) return;
    const checked = checkAnswers(questions, answers);
    if (checked.problems.length > 0) {
      const next: Problems = {};
      for (const { field, message } of checked.problems) {
        const code = field.replace(/^answers\./, '');
        next[code] ??= message;
      }
      setProblems(next);
      return;
    }
    setProblems({});
    onSubmit?.(checked.normalized);
  };

  const unanswered = Object.keys(problems).length;
  return (
    <form onSubmit={submit} noValidate aria-label={preview ? 'Предпросмотр' : 'Ответы'}>
      <Stack gap="md">
        {questions.map((q, i) => (
          <Question
            key={q.code}
            number={i + 1}
            question={q}
            value={answers[q.code] ?? null}
            problem={shown[q.code]}
            onChange={(value) => set(q.code, value)}
          />
        ))}
        {unanswered > 0 && (
          <Alert color="red" role="alert">
            Проверьте ответы: {unanswered === 1 ? 'один вопрос' : `вопросов — ${unanswered}`} с
            замечанием.
          </Alert>
        )}
        {server.general && (
          <Alert color="red" role="alert" title="Ответ не принят">
            {server.general}
          </Alert>
        )}
        {!preview && (
          <Button type="submit" size="lg" fullWidth loading={pending}>
            Отправить ответы
          </Button>
        )}
      </Stack>
    </form>
  );
}

interface QuestionProps {
  number: number;
  question: PublicQuestion;
  value: AnswerValue;
  problem: string | undefined;
  onChange: (value: AnswerValue) => void;
}

function Question({ number, question: q, value, problem, onChange }: QuestionProps) {
  const labelId = useId();
  const optional = q.required === false;
  const label = (
    <Text fw={600} id={labelId}>
      {number}. {q.text}
      {optional && (
        <Text span c="dimmed" fw={400} size="sm">
          {' '}
          (необязательно)
        </Text>
      )}
    </Text>
  );
  const error = problem ? (
    <Text size="sm" c="red.8" role="alert">
      {problem}
    </Text>
  ) : null;

  return (
    <Paper withBorder p="md" radius="md" component="fieldset" className={classes.question}>
      <Stack gap="sm">
        {q.type === 'single' && (
          <Radio.Group
            label={label}
            value={typeof value === 'string' ? value : null}
            onChange={onChange}
          >
            <Stack gap={0} mt="xs">
              {(q.options ?? []).map((option) => (
                <Radio
                  key={option}
                  value={option}
                  label={option}
                  classNames={{ root: classes.choice }}
                />
              ))}
            </Stack>
          </Radio.Group>
        )}
        {q.type === 'multiple' && (
          <Checkbox.Group
            label={label}
            description="Можно выбрать несколько"
            value={Array.isArray(value) ? value : []}
            onChange={onChange}
          >
            <Stack gap={0} mt="xs">
              {(q.options ?? []).map((option) => (
                <Checkbox
                  key={option}
                  value={option}
                  label={option}
                  classNames={{ root: classes.choice }}
                />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
        {q.type === 'text' && (
          <Textarea
            label={label}
            autosize
            minRows={3}
            maxRows={12}
            maxLength={MAX_TEXT_ANSWER}
            value={typeof value === 'string' ? value : ''}
            onChange={(event) => onChange(event.currentTarget.value)}
          />
        )}
        {q.type === 'scale' && (
          <Scale question={q} labelId={labelId} label={label} value={value} onChange={onChange} />
        )}
        {error}
      </Stack>
    </Paper>
  );
}

interface ScaleProps {
  question: PublicQuestion;
  labelId: string;
  label: React.ReactNode;
  value: AnswerValue;
  onChange: (value: AnswerValue) => void;
}

/** A short scale as a row of marks (one pressed), a long one as a number box. */
function Scale({ question: q, labelId, label, value, onChange }: ScaleProps) {
  const min = q.min ?? 0;
  const max = q.max ?? 0;
  const marks = Array.from({ length: max - min + 1 }, (_, k) => min + k);
  if (marks.length > SCALE_BUTTONS_MAX) {
    return (
      <NumberInput
        label={label}
        description={`Целое число от ${min} до ${max}`}
        allowDecimal={false}
        value={typeof value === 'number' ? value : ''}
        onChange={(next) => onChange(typeof next === 'number' ? next : null)}
      />
    );
  }
  return (
    <Stack gap={4}>
      {label}
      <Text size="xs" c="dimmed">
        От {min} до {max}
      </Text>
      <Group gap={6} role="radiogroup" aria-labelledby={labelId} wrap="wrap">
        {marks.map((mark) => (
          <UnstyledButton
            key={mark}
            role="radio"
            aria-checked={value === mark}
            className={classes.mark}
            data-checked={value === mark || undefined}
            onClick={() => onChange(mark)}
          >
            {mark}
          </UnstyledButton>
        ))}
      </Group>
    </Stack>
  );
}
